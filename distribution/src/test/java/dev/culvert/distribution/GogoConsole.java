package dev.culvert.distribution;

import dev.culvert.testing.netns.NetnsHarness.NodeProcess;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The operator's console of a node started with {@code bin/culvert --shell}: a command typed into
 * its Gogo shell (the process's standard input), and the answer read back from its log, which
 * carries the shell's output.
 */
final class GogoConsole {
    private static final long ANSWER_SECONDS = 20;
    private static final String PROMPT = "g! ";

    private final NodeProcess node;
    private final OutputStream stdin;

    GogoConsole(NodeProcess node) {
        this.node = node;
        this.stdin = node.process().getOutputStream();
    }

    NodeProcess node() {
        return node;
    }

    /**
     * Types {@code command} and waits (20 s at most) for the first log line after it that
     * {@code answered} accepts; returns the log's lines from the command on.
     */
    List<String> run(String command, Predicate<String> answered) throws IOException, InterruptedException {
        // Typed only at the prompt: the answer to the last command may still be on its way, and its
        // lines would be taken for this one's. The prompt's line is still open: the answer is written onto it.
        int before = Math.max(0, awaitPrompt() - 1);
        stdin.write((command + "\n").getBytes(StandardCharsets.UTF_8));
        stdin.flush();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(ANSWER_SECONDS);
        while (System.nanoTime() < deadline) {
            List<String> lines = node.lines();
            List<String> after = lines.subList(Math.min(before, lines.size()), lines.size());
            if (after.stream().anyMatch(answered)) {
                return List.copyOf(after);
            }
            if (!node.process().isAlive()) {
                break;
            }
            Thread.sleep(20);
        }
        throw new AssertionError(node.label() + " did not answer '" + command + "' within " + ANSWER_SECONDS + " s; its log:\n"
                + String.join("\n", node.lines()));
    }

    /** Waits (20 s at most) until the shell shows its prompt, the log's last line; returns the log's length in lines then. */
    private int awaitPrompt() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(ANSWER_SECONDS);
        while (true) {
            List<String> lines = node.lines();
            if (!lines.isEmpty() && lines.get(lines.size() - 1).equals(PROMPT)) {
                return lines.size();
            }
            if (System.nanoTime() > deadline || !node.process().isAlive()) {
                throw new AssertionError(node.label() + " did not show its prompt within " + ANSWER_SECONDS + " s; its log:\n"
                        + String.join("\n", lines));
            }
            Thread.sleep(20);
        }
    }
}

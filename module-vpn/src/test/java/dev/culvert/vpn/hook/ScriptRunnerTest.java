package dev.culvert.vpn.hook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scripts run without a thread waiting for them, with exactly their variables, a time limit and a bound on how many run. */
class ScriptRunnerTest {
    private static final Duration LONG = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private static ScriptRunner.Outcome await(CompletableFuture<ScriptRunner.Outcome> f) throws Exception {
        return f.get(30, TimeUnit.SECONDS);
    }

    @Test
    void theExitCodeIsTheOutcome() throws Exception {
        ScriptRunner runner = new ScriptRunner(2);
        assertTrue(await(runner.run(List.of("/bin/sh", "-c", "exit 0"), Map.of(), LONG)).exitedWith(0));
        ScriptRunner.Outcome failed = await(runner.run(List.of("/bin/sh", "-c", "exit 3"), Map.of(), LONG));
        assertEquals(3, failed.exitCode());
        assertEquals("exited 3", failed.describe(LONG));
    }

    @Test
    void aScriptSeesOnlyTheVariablesItIsGiven() throws Exception {
        Path out = dir.resolve("env");
        ScriptRunner runner = new ScriptRunner(1);
        await(runner.run(List.of("/bin/sh", "-c", "/usr/bin/env > " + out), Map.of("common_name", "alice"), LONG));
        List<String> lines = Files.readAllLines(out);
        assertTrue(lines.contains("common_name=alice"), lines.toString());
        assertFalse(lines.stream().anyMatch(l -> l.startsWith("HOME=") || l.startsWith("JAVA_HOME=")), "not the node's environment: " + lines);
    }

    @Test
    void aScriptThatOutlivesItsLimitIsKilledWithItsChildren() throws Exception {
        Path marker = dir.resolve("child-survived");
        ScriptRunner runner = new ScriptRunner(1);
        long start = System.nanoTime();
        ScriptRunner.Outcome o = await(runner.run(List.of("/bin/sh", "-c", "(sleep 2; touch " + marker + ") & sleep 30"), Map.of(),
                Duration.ofMillis(300)));
        assertTrue(o.timedOut());
        assertTrue(o.describe(Duration.ofSeconds(1)).contains("killed"));
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(20), "it did not wait for the script");
        Thread.sleep(2_500);
        assertFalse(Files.exists(marker), "the script's child was killed too");
        assertEquals(1, runner.timedOut());
    }

    @Test
    void aProgramThatCannotStartIsReportedNotThrown() throws Exception {
        ScriptRunner.Outcome o = await(new ScriptRunner(1).run(List.of(dir.resolve("missing").toString()), Map.of(), LONG));
        assertNotNull(o.startFailure());
        assertFalse(o.exitedWith(0));
    }

    @Test
    void atMostTheBoundRunAtOnceAndTheRestWaitTheirTurn() throws Exception {
        ScriptRunner runner = new ScriptRunner(2);
        Path log = dir.resolve("log");
        String script = "echo start >> " + log + "; sleep 0.3; echo end >> " + log;
        List<CompletableFuture<ScriptRunner.Outcome>> all = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            all.add(runner.run(List.of("/bin/sh", "-c", script), Map.of(), LONG));
        }
        assertTrue(runner.waiting() >= 1, "some wait");
        for (CompletableFuture<ScriptRunner.Outcome> f : all) {
            assertTrue(await(f).exitedWith(0));
        }
        int running = 0;
        int most = 0;
        for (String line : Files.readAllLines(log)) {
            running += line.equals("start") ? 1 : -1;
            most = Math.max(most, running);
        }
        assertEquals(2, most, "never more than two at once");
        assertEquals(5, runner.started());
    }
}

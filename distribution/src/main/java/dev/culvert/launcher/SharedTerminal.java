package dev.culvert.launcher;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Queue;

/**
 * Standard output shared by the Gogo shell and the log. The shell's output passes through; a log
 * line goes where it cannot split what the shell writes:
 * <ul>
 * <li>with the shell waiting at its bare prompt, the prompt's line is cleared, the log line
 * written and the prompt drawn again below it;</li>
 * <li>at the start of a line, it is written there;</li>
 * <li>in the middle of a line the shell is writing (a command's answer), it waits for that line's
 * end, so an answer such as {@code culvert:sessions} stays whole.</li>
 * </ul>
 * One lock orders both writers.
 */
final class SharedTerminal extends OutputStream {
    /** Carriage return, then ANSI "erase the whole line". */
    static final String CLEAR_LINE = "\r\033[2K";
    /** Log lines held back while a shell line stays open; beyond this they are written anyway. */
    static final int MAX_HELD = 1_000;

    private final OutputStream raw;
    private final byte[] prompt;
    /** The bytes of the open line so far, as far as needed to tell the bare prompt apart. */
    private final byte[] lineStart;
    private int lineLength;
    private final Queue<String> held = new ArrayDeque<>();

    SharedTerminal(OutputStream raw, String prompt) {
        this.raw = raw;
        this.prompt = prompt.getBytes(StandardCharsets.UTF_8);
        this.lineStart = new byte[this.prompt.length + 1];
    }

    /** Makes a terminal over the process's standard output its {@code System.out}, and returns it. */
    static SharedTerminal installAsStdout(String prompt) {
        SharedTerminal terminal = new SharedTerminal(new java.io.FileOutputStream(java.io.FileDescriptor.out), prompt);
        System.setOut(new PrintStream(terminal, true, StandardCharsets.UTF_8));
        return terminal;
    }

    /** Writes one formatted log line (ending with a newline) where it does not split the shell's output. */
    synchronized void log(String line) throws IOException {
        if (atBarePrompt()) {
            raw.write((CLEAR_LINE + line).getBytes(StandardCharsets.UTF_8));
            raw.write(prompt);
        } else if (lineLength == 0 || held.size() >= MAX_HELD) {
            writeHeld();
            raw.write(line.getBytes(StandardCharsets.UTF_8));
        } else {
            held.add(line);
            return;
        }
        raw.flush();
    }

    @Override
    public synchronized void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
        int end = offset + length;
        int from = offset;
        for (int i = offset; i < end; i++) {
            if (bytes[i] == '\n') {
                raw.write(bytes, from, i + 1 - from);
                from = i + 1;
                lineLength = 0;
                writeHeld();
            } else {
                if (lineLength < lineStart.length) {
                    lineStart[lineLength] = bytes[i];
                }
                lineLength++;
            }
        }
        raw.write(bytes, from, end - from);
    }

    @Override
    public synchronized void flush() throws IOException {
        raw.flush();
    }

    private boolean atBarePrompt() {
        return lineLength == prompt.length && Arrays.equals(lineStart, 0, prompt.length, prompt, 0, prompt.length);
    }

    private void writeHeld() throws IOException {
        for (String line; (line = held.poll()) != null;) {
            raw.write(line.getBytes(StandardCharsets.UTF_8));
        }
    }
}

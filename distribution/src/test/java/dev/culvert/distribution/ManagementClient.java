package dev.culvert.distribution;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A scripted management client, as a dashboard speaks the protocol: over a unix socket, the
 * password first, then commands whose answers are one SUCCESS/ERROR line or a block ending in END,
 * with real-time lines ({@code >…}) set apart. Every wait is bounded.
 */
final class ManagementClient implements AutoCloseable {
    /** Commands that answer with a block ending in END (with their parameters as these tests use them). */
    private static final Set<String> BLOCKS = Set.of("help", "status", "version", "state", "log", "echo");
    private final SocketChannel channel;
    private final InputStream in;
    private final OutputStream out;
    private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> notifications = new LinkedBlockingQueue<>();
    private final Thread reader;

    private ManagementClient(SocketChannel channel) {
        this.channel = channel;
        this.in = Channels.newInputStream(channel);
        this.out = Channels.newOutputStream(channel);
        this.reader = new Thread(this::read, "management-test-reader");
        reader.setDaemon(true);
    }

    /** Connects and gives the password; returns once the welcome line is there. */
    static ManagementClient connect(Path socket, String password) throws Exception {
        ManagementClient c = new ManagementClient(SocketChannel.open(StandardProtocolFamily.UNIX));
        c.channel.connect(UnixDomainSocketAddress.of(socket));
        c.reader.start();
        if (password != null) {
            c.expect("ENTER PASSWORD:");
            c.send(password);
            c.expect("SUCCESS: password is correct");
        }
        String welcome = c.notification(10);
        if (!welcome.startsWith(">INFO:OpenVPN Management Interface Version 5")) {
            throw new AssertionError("no welcome: " + welcome);
        }
        return c;
    }

    /** Sends {@code command} and returns its answer: the block up to END, or the one line. */
    List<String> command(String command) throws Exception {
        send(command);
        List<String> lines = new ArrayList<>();
        boolean block = BLOCKS.contains(command.split(" ")[0]) && !command.matches("(log|state|echo) (on|off)");
        while (true) {
            String line = answers.poll(20, TimeUnit.SECONDS);
            if (line == null) {
                throw new AssertionError("no answer to '" + command + "' within 20 s; so far " + lines);
            }
            if (!block || line.startsWith("ERROR:")) {
                return List.of(line);
            }
            if (line.equals("END")) {
                return lines;
            }
            lines.add(line);
        }
    }

    /** Sends {@code command}, then {@code lines} and END (client-auth's block); returns the one answer line. */
    String commandWithBlock(String command, List<String> lines) throws Exception {
        send(command);
        for (String line : lines) {
            send(line);
        }
        send("END");
        String answer = answers.poll(20, TimeUnit.SECONDS);
        if (answer == null) {
            throw new AssertionError("no answer to '" + command + "' and its block within 20 s");
        }
        return answer;
    }

    /**
     * The next {@code >CLIENT:TYPE,...} announcement with its {@code >CLIENT:ENV} lines through
     * {@code >CLIENT:ENV,END}, skipping other real-time lines; waits up to {@code seconds} in all.
     */
    List<String> clientEvent(String type, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        List<String> block = new ArrayList<>();
        while (true) {
            String line = notifications.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new AssertionError("no >CLIENT:" + type + " within " + seconds + " s; so far " + block);
            }
            if (block.isEmpty() && !line.startsWith(">CLIENT:" + type + ",")) {
                continue;
            }
            block.add(line);
            if (line.equals(">CLIENT:ENV,END")) {
                return block;
            }
        }
    }

    /** The next real-time line, waiting up to {@code seconds}. */
    String notification(int seconds) throws InterruptedException {
        String line = notifications.poll(seconds, TimeUnit.SECONDS);
        if (line == null) {
            throw new AssertionError("no real-time line within " + seconds + " s");
        }
        return line;
    }

    /** Forgets the real-time lines so far. */
    void clearNotifications() {
        notifications.clear();
    }

    private void expect(String wanted) throws InterruptedException {
        String line = answers.poll(20, TimeUnit.SECONDS);
        if (!wanted.equals(line)) {
            throw new AssertionError("expected '" + wanted + "', got '" + line + "'");
        }
    }

    private void send(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Splits the stream into lines; the password prompt has no line end, so it is taken whole. */
    private void read() {
        StringBuilder line = new StringBuilder();
        try {
            int b;
            while ((b = in.read()) >= 0) {
                if (b == '\n') {
                    String text = line.toString().replace("\r", "");
                    line.setLength(0);
                    (text.startsWith(">") ? notifications : answers).add(text);
                } else {
                    line.append((char) b);
                    if (line.toString().equals("ENTER PASSWORD:")) {
                        answers.add(line.toString());
                        line.setLength(0);
                    }
                }
            }
        } catch (IOException e) {
            // closed
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}

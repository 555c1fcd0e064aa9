package dev.culvert.core.io.tun;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs iproute2's {@code ip} for the addresses and routes a TUN device is given ({@link LinkUp}
 * sets its MTU and brings it up).
 * It blocks for a process start, so callers run it on the control executor; the package
 * documentation says why this is not netlink.
 */
public final class IpTool {
    private static final long TIMEOUT_SECONDS = 10;

    private IpTool() {
    }

    /** {@code ip addr add CIDR dev NAME}, for IPv4 or IPv6 ("10.8.0.1/24", "fd00::1/64"). */
    public static void addAddress(String device, String cidr) throws IOException {
        run("addr", "add", cidr, "dev", device);
    }

    /** Runs {@code ip ARGS...} and returns its output; fails with ip's own message. */
    public static String run(String... args) throws IOException {
        List<String> command = new ArrayList<>(args.length + 1);
        command.add("ip");
        command.addAll(List.of(args));
        try {
            return runCommand(command, TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (NoSuchFileException e) {
            throw new IOException("cannot run 'ip' (install iproute2): " + e.getMessage(), e);
        }
    }

    /**
     * Runs a short command with a time limit and returns its output (stdout and stderr); fails
     * with that output. The output goes through a file, so a chatty command cannot block on a
     * full pipe while we wait for it.
     */
    public static String runCommand(List<String> command, long timeout, TimeUnit unit) throws IOException {
        Path output = Files.createTempFile("culvert-cmd", ".out");
        try {
            Process process;
            try {
                process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            } catch (IOException e) {
                throw new NoSuchFileException(command.get(0), null, e.getMessage());
            }
            try {
                if (!process.waitFor(timeout, unit)) {
                    process.destroyForcibly();
                    throw new IOException(String.join(" ", command) + ": no answer within " + timeout + " " + unit);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IOException(String.join(" ", command) + ": interrupted", e);
            }
            String text = Files.readString(output, StandardCharsets.UTF_8).trim();
            if (process.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed (exit " + process.exitValue() + "): " + text);
            }
            return text;
        } finally {
            Files.deleteIfExists(output);
        }
    }
}

package dev.culvert.core.tun;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs iproute2's {@code ip} for the few settings a TUN device needs (MTU, addresses, link up).
 * It blocks for a process start, so callers run it on the control executor; the package
 * documentation says why this is not netlink.
 */
public final class IpTool {
    private static final long TIMEOUT_SECONDS = 10;

    private IpTool() {
    }

    /** {@code ip link set dev NAME mtu MTU up} */
    public static void setMtuAndUp(String device, int mtu) throws IOException {
        run("link", "set", "dev", device, "mtu", Integer.toString(mtu), "up");
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
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IOException("cannot run 'ip' (install iproute2): " + e.getMessage(), e);
        }
        try {
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + ": no answer within " + TIMEOUT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException(String.join(" ", command) + ": interrupted", e);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed (exit " + process.exitValue() + "): " + output);
        }
        return output;
    }
}

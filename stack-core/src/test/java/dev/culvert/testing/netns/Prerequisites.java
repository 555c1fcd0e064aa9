package dev.culvert.testing.netns;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Checks what namespace tests need. Without CI=true a missing prerequisite skips the test with
 * the reason; with CI=true it fails it, so a CI machine that lost its privileges cannot pass by
 * skipping.
 */
public final class Prerequisites {
    private static volatile String cachedProblem;
    private static volatile boolean checked;

    private Prerequisites() {
    }

    /** Whether the environment says this is CI, where skipping is not allowed. */
    public static boolean isCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** Skips (or, on CI, fails) the calling test unless namespaces, veth and TUN are usable. */
    public static void require() {
        String problem = problem();
        if (problem == null) {
            return;
        }
        missing("namespace test prerequisites missing: " + problem);
    }

    /** Skips the calling test for want of {@code what}, or fails it on CI. */
    public static void missing(String what) {
        if (isCi()) {
            Assertions.fail(what + " (CI=true: a missing prerequisite is a failure)");
        }
        Assumptions.abort(what + " (skipped; with CI=true this fails)");
    }

    /** What is missing, or null when everything is there. */
    public static synchronized String problem() {
        if (!checked) {
            cachedProblem = check();
            checked = true;
        }
        return cachedProblem;
    }

    private static String check() {
        if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
            return "not Linux";
        }
        if (!isRoot()) {
            return "not root (run the tests as root; in a container it also needs CAP_NET_ADMIN, CAP_SYS_ADMIN and /dev/net/tun)";
        }
        if (!Files.exists(Path.of("/dev/net/tun"))) {
            return "no /dev/net/tun (modprobe tun, or give the container the device)";
        }
        String probe = "culvert-probe-" + ProcessHandle.current().pid();
        try {
            Shell.run(List.of("ip", "netns", "add", probe), 10, TimeUnit.SECONDS);
        } catch (IOException e) {
            return "'ip netns add' does not work (install iproute2; needs CAP_SYS_ADMIN): " + e.getMessage();
        }
        try {
            Shell.run(List.of("ip", "netns", "del", probe), 10, TimeUnit.SECONDS);
        } catch (IOException e) {
            return "'ip netns del' does not work: " + e.getMessage();
        }
        return null;
    }

    private static boolean isRoot() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    String[] fields = line.substring(4).trim().split("\\s+");
                    return fields.length > 1 && fields[1].equals("0");
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }
}

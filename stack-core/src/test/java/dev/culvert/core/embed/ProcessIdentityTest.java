package dev.culvert.core.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.culvert.testing.netns.Prerequisites;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Each drop happens in a child JVM ({@link ProcessIdentityProbe}): the test JVM keeps root. The
 * drops need root; without it they are skipped, and fail with CI=true.
 */
class ProcessIdentityTest {
    private record Outcome(int exitCode, String output) {
        boolean has(String line) {
            return output.lines().anyMatch(line::equals);
        }
    }

    @Test
    void dropsUserAndGroupInAChildJvm() throws Exception {
        requireRootOnLinux();
        String group = nobodysGroup();
        String gid = field("/etc/group", group, 2);
        String uid = field("/etc/passwd", "nobody", 2);
        Outcome outcome = probe("nobody", group);
        assertEquals(0, outcome.exitCode(), outcome.output());
        assertTrue(outcome.has("Uid: " + uid + " " + uid + " " + uid + " " + uid), outcome.output());
        assertTrue(outcome.has("Gid: " + gid + " " + gid + " " + gid + " " + gid), outcome.output());
        assertTrue(outcome.has("Groups: " + gid), "root's groups are gone: " + outcome.output());
        if (mayRaiseRealtimeLimit()) {
            assertTrue(outcome.has("Realtime after the drop: yes"), "RLIMIT_RTPRIO was raised before root was given up: "
                    + outcome.output());
        } else {
            assertTrue(outcome.output().contains("a worker that was busy will stay in the normal scheduling class")
                    && outcome.output().contains("LimitRTPRIO=1"), "no silent loss of the realtime class: " + outcome.output());
        }
    }

    @Test
    void aUserAloneAlsoLeavesRootsGroup() throws Exception {
        requireRootOnLinux();
        String uid = field("/etc/passwd", "nobody", 2);
        String primaryGid = field("/etc/passwd", "nobody", 3);
        Outcome outcome = probe("nobody", "-");
        assertEquals(0, outcome.exitCode(), outcome.output());
        assertTrue(outcome.has("Uid: " + uid + " " + uid + " " + uid + " " + uid), outcome.output());
        assertTrue(outcome.has("Gid: " + primaryGid + " " + primaryGid + " " + primaryGid + " " + primaryGid), outcome.output());
        assertTrue(outcome.has("Groups: " + primaryGid), outcome.output());
    }

    @Test
    void aGroupAloneKeepsTheUser() throws Exception {
        requireRootOnLinux();
        String group = nobodysGroup();
        String gid = field("/etc/group", group, 2);
        Outcome outcome = probe("-", group);
        assertEquals(0, outcome.exitCode(), outcome.output());
        assertTrue(outcome.has("Uid: 0 0 0 0"), outcome.output());
        assertTrue(outcome.has("Gid: " + gid + " " + gid + " " + gid + " " + gid), outcome.output());
        assertTrue(outcome.has("Groups: " + gid), outcome.output());
    }

    @Test
    void anUnknownUserIsNamedWithTheFix() throws Exception {
        requireLinux();
        Outcome outcome = probe("nobody2-culvert", "-");
        assertEquals(3, outcome.exitCode(), outcome.output());
        assertTrue(outcome.has("ERROR user 'nobody2-culvert' does not exist: create it or change the 'user' line"), outcome.output());
    }

    @Test
    void anUnknownGroupIsNamedWithTheFix() throws Exception {
        requireLinux();
        Outcome outcome = probe("nobody", "nogroup2-culvert");
        assertEquals(3, outcome.exitCode(), outcome.output());
        assertTrue(outcome.has("ERROR group 'nogroup2-culvert' does not exist: create it or change the 'group' line"), outcome.output());
    }

    @Test
    void withoutRootAChangeIsRefusedUnlessAlreadyThatIdentity() {
        String refusal = ProcessIdentity.refusal("user 'nobody'", 1000, 1000, 1000, 1000, 65534, 65534);
        assertTrue(refusal.startsWith("cannot switch to user 'nobody': this process runs as uid 1000 gid 1000, not root"), refusal);
        assertTrue(refusal.contains("start Culvert as root"), refusal);
        assertNull(ProcessIdentity.refusal("user 'nobody'", 65534, 65534, 65534, 65534, 65534, 65534));
        assertNull(ProcessIdentity.refusal("group 'nogroup'", 1000, 1000, 65534, 65534, null, 65534));
        assertTrue(ProcessIdentity.refusal("group 'nogroup'", 1000, 1000, 1000, 65534, null, 65534) != null,
                "a real gid that differs is not that identity yet");
    }

    private static Outcome probe(String user, String group) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.add("-Xmx64m");
        command.add("-XX:+UseSerialGC");
        command.add("-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"));
        if (Runtime.version().feature() >= 22) {
            command.add("--enable-native-access=ALL-UNNAMED");
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(ProcessIdentityProbe.class.getName());
        command.add(user);
        command.add(group);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("the probe JVM did not exit: " + output);
        }
        return new Outcome(process.exitValue(), output);
    }

    /**
     * Whether this (root) process may raise its {@code RLIMIT_RTPRIO} to 1: its hard limit already
     * allows it, or it holds CAP_SYS_RESOURCE (bit 24 of CapEff; containers often drop it).
     */
    private static boolean mayRaiseRealtimeLimit() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
            if (line.startsWith("Max realtime priority")) {
                String hard = line.substring("Max realtime priority".length()).trim().split("\\s+")[1];
                if (hard.equals("unlimited") || Long.parseLong(hard) >= 1) {
                    return true;
                }
            }
        }
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("CapEff:")) {
                return (Long.parseUnsignedLong(line.substring(7).trim(), 16) & (1L << 24)) != 0;
            }
        }
        return false;
    }

    /** The group {@code nobody} drops to: Debian calls it nogroup, others nobody. */
    private static String nobodysGroup() throws IOException {
        return field("/etc/group", "nogroup", 0) != null ? "nogroup" : "nobody";
    }

    /** A colon-separated field of the entry called {@code name}, or null without one. */
    private static String field(String file, String name, int index) throws IOException {
        for (String line : Files.readAllLines(Path.of(file))) {
            String[] fields = line.split(":", -1);
            if (fields[0].equals(name) && fields.length > index) {
                return fields[index];
            }
        }
        return null;
    }

    private static void requireLinux() {
        Assumptions.assumeTrue(System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux"),
                "needs Linux");
    }

    private static void requireRootOnLinux() throws IOException {
        requireLinux();
        boolean root = Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(l -> l.startsWith("Uid:")).map(l -> l.split("\\s+")[2]).findFirst().orElse("").equals("0");
        if (root && field("/etc/passwd", "nobody", 0) != null) {
            return;
        }
        String problem = root ? "there is no user 'nobody'" : "not root (the drop tests run the probe as root)";
        if (Prerequisites.isCi()) {
            fail(problem + " (CI=true: a missing prerequisite is a failure)");
        }
        Assumptions.abort(problem + " (skipped; with CI=true this fails)");
    }
}

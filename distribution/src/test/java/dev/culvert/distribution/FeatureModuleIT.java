package dev.culvert.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.launcher.FelixHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A protocol developer's module, installed the way an operator installs one: the sample packet
 * filter (examples/packet-filter, built against stack-core's published SPI only) is dropped into
 * {@code deploy/} of a running node while traffic crosses it, takes effect at the
 * {@code after-inside-l3} arc, and is removed again. The traffic is the node's mixed selftest on
 * virtual links (UDP to 1234, TCP to 25, TCP to 80, UDP to 25, in turn), so no root is needed
 * and every flow's counts show what the filter dropped: TCP to port 25, and nothing else.
 *
 * <p>The filter's rules reach it as an OSGi operator configures a module: a {@code .cfg} file in
 * {@code deploy/} (FileInstall hands it to ConfigAdmin) names the file holding its
 * {@code culvert-filter} lines, which may be the node's configuration itself.
 */
class FeatureModuleIT {
    // One component offers both services under one name, so each is recognised by its slot's line.
    static final String FEATURE_BOUND = "feature: packet-filter [packet-filter(ranking 100)";
    static final String HANDLER_BOUND = "config: packet-filter [packet-filter(ranking 100)";
    static final Pattern PROGRESS = Pattern.compile("selftest running:\\s+(\\d+) packets delivered");
    static final Pattern FLOW = Pattern.compile("(udp|tcp)/(\\d+) sent=(\\d+) received=(\\d+)");

    static FelixHost host;
    static Object kernel;
    static Object commands;
    static Path deploy;
    static Path jar;

    @TempDir
    Path dir;

    @BeforeAll
    static void boot() throws Exception {
        Path dist = Path.of(System.getProperty("culvert.dist", "target/culvert"));
        jar = Path.of(System.getProperty("culvert.example.filter", "target/examples/packet-filter.jar"));
        assertTrue(Files.isRegularFile(jar), "the sample module was built: " + jar);
        host = FelixHost.start(dist, false);
        kernel = host.service("dev.culvert.core.embed.Kernel", 30_000);
        commands = host.service("dev.culvert.core.osgi.ShellCommands", 30_000);
        deploy = host.home().resolve("deploy");
    }

    @AfterAll
    static void shutdown() throws Exception {
        if (host != null) {
            host.close();
        }
    }

    @AfterEach
    void removeTheModule() throws Exception {
        boolean wasThere = Files.deleteIfExists(deploy.resolve("packet-filter.jar"));
        Files.deleteIfExists(deploy.resolve("dev.culvert.example.packetfilter.cfg"));
        if (wasThere) {
            awaitStatus(s -> !s.contains(HANDLER_BOUND), "FileInstall uninstalls the module that left deploy/");
        }
    }

    @Test
    void theFilterDirectiveIsAcceptedOnlyWhileTheModuleIsInstalled() throws Exception {
        Path rules = Files.writeString(dir.resolve("node.conf"), "verb 3\nculvert-filter drop tcp port 25\n");
        Path bad = Files.writeString(dir.resolve("bad.conf"), "verb 3\nculvert-filter drop tcp port 99999\n");
        List<String> before = checkConfig(rules);
        assertEquals(1, before.size(), before.toString());
        assertTrue(before.get(0).startsWith(rules + ":2: ") && before.get(0).contains("culvert-filter"), before.get(0));

        install(null);
        assertEquals(List.of(), checkConfig(rules));
        assertEquals(List.of(bad + ":2: 'culvert-filter' port '99999' is not a port; a port is a number from 1 to 65535, "
                + "e.g. 'culvert-filter drop tcp port 25'"), checkConfig(bad));

        uninstall();
        assertEquals(before, checkConfig(rules), "refused again once the module is gone");
    }

    @Test
    void droppedIntoDeployUnderTrafficItDropsExactlyTcpToPort25AndRemovedTrafficIsAsBefore() throws Exception {
        String baseline = show("before the module", selftest(20_000));
        assertTrue(baseline.contains("=> nothing lost"), baseline);
        assertFlows(baseline, 5_000, 5_000);

        // Installed while a trial runs: the trial's graphs pick the feature up between two batches.
        Path rules = Files.writeString(dir.resolve("node.conf"), "verb 3\nculvert-filter drop tcp port 25\n");
        String duringInstall = show("installed under traffic", underTraffic(() -> install(rules)));
        assertTrue(duringInstall.contains("=> nothing lost but what features dropped"), duringInstall);
        long[] tcp25 = flow(duringInstall, "tcp/25");
        assertTrue(tcp25[1] > 0 && tcp25[1] < tcp25[0], "TCP to port 25 passed before the module came, not after: " + duringInstall);
        assertOnlyTheFilterDropped(duringInstall, tcp25[0] - tcp25[1]);
        assertOtherFlowsIntact(duringInstall);

        String installed = show("installed", selftest(20_000));
        assertTrue(installed.contains("tcp/25 sent=5000 received=0"), installed);
        assertOnlyTheFilterDropped(installed, 5_000);
        assertOtherFlowsIntact(installed);
        assertTrue(((String) FelixHost.call(commands, "status")).contains(FEATURE_BOUND));

        // Removed while a trial runs: TCP to port 25 flows again from the next batch on.
        String duringRemoval = show("removed under traffic", underTraffic(FeatureModuleIT::uninstall));
        tcp25 = flow(duringRemoval, "tcp/25");
        assertTrue(tcp25[1] > 0 && tcp25[1] < tcp25[0], "TCP to port 25 was dropped until the module left: " + duringRemoval);
        assertOnlyTheFilterDropped(duringRemoval, tcp25[0] - tcp25[1]);
        assertOtherFlowsIntact(duringRemoval);

        String after = show("after the module", selftest(20_000));
        assertTrue(after.contains("=> nothing lost"), after);
        assertFlows(after, 5_000, 5_000);
    }

    /** An operator's step taken while packets flow. */
    interface Step {
        void run() throws Exception;
    }

    /**
     * Runs a long mixed selftest, takes {@code step} once packets are flowing, lets at least
     * 50,000 more packets through after it, then interrupts the trial (it stops sending, waits
     * for what is in flight and reports).
     */
    static String underTraffic(Step step) throws Exception {
        AtomicReference<Object> report = new AtomicReference<>();
        Thread traffic = new Thread(() -> {
            try {
                report.set(FelixHost.call(commands, "selftest", 50_000_000, 0, "mixed"));
            } catch (Exception e) {
                report.set(e);
            }
        }, "selftest-traffic");
        traffic.start();
        try {
            long flowing = awaitProgress(-1);
            step.run();
            awaitProgress(Math.max(flowing, progress()) + 50_000);
        } finally {
            traffic.interrupt();
            traffic.join(TimeUnit.SECONDS.toMillis(60));
        }
        if (report.get() instanceof Exception e) {
            throw e;
        }
        return (String) report.get();
    }

    static void install(Path rules) throws Exception {
        if (rules != null) {
            Files.writeString(deploy.resolve("dev.culvert.example.packetfilter.cfg"), "file = " + rules + "\n");
        }
        Files.copy(jar, deploy.resolve("packet-filter.jar"), StandardCopyOption.REPLACE_EXISTING);
        // The filter joins its arc only with a configuration (its rules); the directive handler at once.
        awaitStatus(s -> s.contains(HANDLER_BOUND) && (rules == null || s.contains(FEATURE_BOUND)),
                "FileInstall installs the module and DS binds it");
    }

    static void uninstall() throws Exception {
        Files.delete(deploy.resolve("packet-filter.jar"));
        Files.deleteIfExists(deploy.resolve("dev.culvert.example.packetfilter.cfg"));
        awaitStatus(s -> !s.contains(FEATURE_BOUND) && !s.contains(HANDLER_BOUND), "FileInstall uninstalls the module and DS unbinds it");
    }

    /** Prints a trial's report for whoever reads the test log, and returns it. */
    static String show(String phase, String report) {
        System.out.println("--- " + phase + ":\n" + report.lines().limit(2).reduce((a, b) -> a + "\n" + b).orElse(""));
        return report;
    }

    static String selftest(int packets) throws Exception {
        return (String) FelixHost.call(commands, "selftest", packets, 0, "mixed");
    }

    @SuppressWarnings("unchecked")
    static List<String> checkConfig(Path file) throws Exception {
        return (List<String>) FelixHost.call(kernel, "checkConfig", file.toString());
    }

    /** {sent, received} of the named flow in a report. */
    static long[] flow(String report, String name) {
        Matcher m = FLOW.matcher(report);
        while (m.find()) {
            if ((m.group(1) + "/" + m.group(2)).equals(name)) {
                return new long[] {Long.parseLong(m.group(3)), Long.parseLong(m.group(4))};
            }
        }
        throw new AssertionError("no flow " + name + " in " + report);
    }

    static void assertFlows(String report, long sent, long received) {
        for (String name : List.of("udp/1234", "tcp/25", "tcp/80", "udp/25")) {
            long[] f = flow(report, name);
            assertEquals(sent, f[0], name + " sent: " + report);
            assertEquals(received, f[1], name + " received: " + report);
        }
    }

    static void assertOtherFlowsIntact(String report) {
        for (String name : List.of("udp/1234", "tcp/80", "udp/25")) {
            long[] f = flow(report, name);
            assertEquals(f[0], f[1], name + " lost nothing: " + report);
        }
        assertTrue(report.contains("corrupt=0 reordered=0 lost=0"), report);
        assertTrue(report.contains("buffers-outstanding=0"), report);
    }

    /** The only drops in the report are the filter's, at the inside arc of the sending stack, {@code count} of them. */
    static void assertOnlyTheFilterDropped(String report, long count) {
        assertTrue(report.contains("drops={a.arc.after-inside-l3:packet-filter.denied=" + count + "}"), report);
    }

    /** The selftest's packets delivered so far, -1 if none is running. */
    static long progress() throws Exception {
        Matcher m = PROGRESS.matcher((String) FelixHost.call(commands, "status"));
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    /** Waits, bounded, until the running selftest has delivered more than {@code than} packets; returns how many. */
    static long awaitProgress(long than) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            long delivered = progress();
            if (delivered > than) {
                return delivered;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the selftest did not get past " + than + " packets within 120 s");
    }

    /** Polls culvert:status for at most 30 s (FileInstall scans deploy/ every second). */
    static void awaitStatus(Predicate<String> condition, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        String status = "";
        while (System.nanoTime() < deadline) {
            status = (String) FelixHost.call(commands, "status");
            if (condition.test(status)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(what + " within 30 s; status was:\n" + status);
    }
}

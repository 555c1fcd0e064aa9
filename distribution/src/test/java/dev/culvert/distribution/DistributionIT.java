package dev.culvert.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.launcher.FelixHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;

/**
 * Boots the assembled distribution's Felix with every bundle, as {@code bin/culvert} does, and
 * drives the node through its services.
 */
class DistributionIT {
    static FelixHost host;
    static Object kernel;
    static Object commands;

    @BeforeAll
    static void boot() throws Exception {
        Path dist = Path.of(System.getProperty("culvert.dist", "target/culvert"));
        assertTrue(Files.isDirectory(dist.resolve("bundle")), "the assembled distribution exists at " + dist);
        host = FelixHost.start(dist, false);
        kernel = host.service("dev.culvert.core.embed.Kernel", 30_000);
        commands = host.service("dev.culvert.core.osgi.ShellCommands", 30_000);
    }

    @AfterAll
    static void shutdown() throws Exception {
        if (host != null) {
            host.close();
        }
    }

    @Test
    void everyBundleIsActiveButTheShellsWithoutATerminalAndEveryFragmentResolved() {
        List<Bundle> bundles = host.bundles();
        assertTrue(bundles.size() >= 15, "expected the whole distribution, got " + host.describeBundles());
        for (Bundle b : bundles) {
            boolean fragment = b.getHeaders().get(Constants.FRAGMENT_HOST) != null;
            // This node was started without a terminal: nothing would type into Gogo's shell.
            boolean shell = b.getSymbolicName().startsWith("org.apache.felix.gogo.");
            int expected = fragment || shell ? Bundle.RESOLVED : Bundle.ACTIVE;
            assertEquals(FelixHost.stateName(expected), FelixHost.stateName(b.getState()), b.getSymbolicName());
        }
        assertTrue(host.describeBundles().contains("dev.culvert.module-compress=ACTIVE"), host.describeBundles());
    }

    @Test
    void theCompressorsOfModuleCompressAreBoundIntoTheKernelsSlot() throws Exception {
        String status = (String) FelixHost.call(commands, "status");
        assertTrue(status.contains("[lz4(ranking 20), snappy(ranking 10), none(ranking 0), lzo(ranking -10)]"), status);
        assertTrue(status.contains("l3: ") && status.contains("ipv4(ranking 0), ipv6(ranking 0)"), status);
        // module-ssl-conscrypt's BoringSSL loaded inside Felix: its AEAD outranks the JCE default, its TLS ranks below bc's.
        assertTrue(status.contains("aead: jce [jce(ranking -100), conscrypt(ranking -150)]"), status);
        assertTrue(status.contains("tls: conscrypt [conscrypt(ranking 20), bc(ranking 10)]"), status);
        assertTrue(status.contains("link: tun") && status.contains("transport: udp"), status);
        assertTrue(status.contains("native I/O: ok"), "jnr-ffi and jffi work inside Felix: " + status);
    }

    /**
     * The operator swaps from this thread for as long as the selftest runs on another, and reads
     * the selftest's progress (shown by {@code culvert:status} every 25,000 packets delivered)
     * between swaps: swaps seen at two different progress marks prove traffic crossed while the
     * operator was swapping, not before or after.
     */
    @Test
    void aHundredThousandPacketsCrossTwoStacksIntactWhileCompressorsAreSwappedFromTwoSides() throws Exception {
        ExecutorService trial = Executors.newSingleThreadExecutor();
        try {
            // The trial cycles lz4 -> snappy -> none every 1000 packets; the operator swaps too, concurrently.
            Future<Object> selftest = trial.submit(() -> FelixHost.call(commands, "selftest", 100_000, 1_000));
            String[] names = {"snappy", "none", "lz4"};
            Pattern progress = Pattern.compile("selftest running: +(\\d+) packets delivered");
            Set<Long> marksSwappedAt = new TreeSet<>();
            List<String> refused = new ArrayList<>();
            long swaps = 0;
            while (!selftest.isDone()) {
                String answer = (String) FelixHost.call(commands, "swap", "compress", names[(int) (swaps % 3)]);
                if (!answer.equals("compress -> " + names[(int) (swaps % 3)])) {
                    refused.add(answer);
                }
                swaps++;
                Matcher mark = progress.matcher((String) FelixHost.call(commands, "status"));
                if (mark.find()) {
                    marksSwappedAt.add(Long.parseLong(mark.group(1)));
                }
            }
            String report = (String) selftest.get(60, TimeUnit.SECONDS);
            assertEquals(List.of(), refused, "every operator swap was taken");
            assertTrue(marksSwappedAt.size() >= 2, swaps + " operator swaps, at progress marks " + marksSwappedAt
                    + ": the operator did not swap while traffic crossed");
            assertTrue(report.contains("sent=100000 received=100000 corrupt=0 reordered=0 lost=0"), report);
            assertTrue(report.contains("buffers-outstanding=0"), "every pool balanced: " + report);
            assertTrue(report.contains("=> nothing lost"), report);
            assertTrue(report.contains("swaps=99"), report);
        } finally {
            trial.shutdownNow();
        }
    }

    @Test
    void anOpenVpnTunnelBetweenACulvertClientAndServerComesUpInsideFelix() throws Exception {
        Object demo = host.service("dev.culvert.vpn.demo.VirtualTunnelDemo", 30_000);
        String report = (String) FelixHost.call(demo, "run", 3);
        assertTrue(report.contains("keys by tls-ekm, TLSv1.3"), report);
        assertTrue(report.contains("3 replies  => tunnel up"), report);
    }

    @Test
    void aSwapToAnUninstalledCompressorIsRefusedWithTheInstalledOnes() throws Exception {
        String answer = (String) FelixHost.call(commands, "swap", "compress", "zstd");
        assertTrue(answer.startsWith("swap refused") && answer.contains("lz4"), answer);
    }

    @Test
    void aConfigurationWithADirectiveNoModuleTakesIsRefusedByFileAndLine(@TempDir Path dir) throws Exception {
        Path conf = dir.resolve("server.conf");
        Files.writeString(conf, "verb 3\ncompress lz4-v2\nhttp-proxy proxy.example 3128\nfrobnicate yes\n");
        @SuppressWarnings("unchecked")
        List<String> problems = (List<String>) FelixHost.call(kernel, "checkConfig", conf.toString());
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith(conf + ":3: 'http-proxy' needs a proxy, which is not implemented"),
                problems.get(0));
        assertTrue(problems.get(1).startsWith(conf + ":4: unknown directive 'frobnicate'"), problems.get(1));
    }

    @Test
    void theShippedClientAndServerExamplesUseOnlyDirectivesInstalledModulesTake() throws Exception {
        Path conf = Path.of(System.getProperty("culvert.dist", "target/culvert")).resolve("conf");
        for (String example : List.of("client.conf.example", "server.conf.example")) {
            @SuppressWarnings("unchecked")
            List<String> problems = (List<String>) FelixHost.call(kernel, "checkConfig", conf.resolve(example).toString());
            assertEquals(List.of(), problems, example);
        }
    }

    @Test
    void checkNodeAlsoSaysWhenNoInstalledModuleRunsAConfigurationAndStartsNothing(@TempDir Path dir) throws Exception {
        Path roleless = dir.resolve("compression-only.conf");
        Files.writeString(roleless, "verb 3\nallow-compression yes\ncompress lz4-v2\n");
        @SuppressWarnings("unchecked")
        List<String> problems = (List<String>) FelixHost.call(kernel, "checkNode", roleless.toString());
        assertEquals(List.of(roleless + ": no installed module runs this configuration; a node needs 'client' or 'server'"
                + " (module-vpn) or another role's directive"), problems);
        // The example beside the files it names, as the quick start lays them out: --check reads them as start does.
        Path server = Files.copy(Path.of(System.getProperty("culvert.dist", "target/culvert")).resolve("conf/server.conf.example"),
                dir.resolve("server.conf"));
        CheckableFiles.write(dir);
        assertEquals(List.of(), FelixHost.call(kernel, "checkNode", server.toString()));
        assertEquals("no node is running\n", FelixHost.call(commands, "sessions"), "checking started nothing");
    }

    /** Issue 11: a client's status-version (then tun-mtu) and an unreadable ca passed --check and were refused only at start. */
    @Test
    void checkNodeRefusesWhatTheClientsStartRefusesWithStartsMessage(@TempDir Path dir) throws Exception {
        Path mtu = dir.resolve("mtu.conf");
        Files.writeString(mtu, "client\nremote 192.0.2.1\ndev tun\nstatus-version 2\n");
        Path ca = dir.resolve("ca.conf");
        Files.writeString(ca, "client\nremote 192.0.2.1\ndev tun\nca missing.crt\n");

        assertEquals(List.of(mtu + ":4: 'status-version' is not implemented for a Culvert client yet; remove the line"),
                FelixHost.call(kernel, "checkNode", mtu.toString()));
        @SuppressWarnings("unchecked")
        List<String> unreadable = (List<String>) FelixHost.call(kernel, "checkNode", ca.toString());
        assertEquals(1, unreadable.size(), unreadable.toString());
        assertTrue(unreadable.get(0).startsWith(ca + ":4: 'ca': does not exist"), unreadable.get(0));
        assertEquals("no node is running\n", FelixHost.call(commands, "sessions"), "checking started nothing");
    }

    @Test
    void theShellListsSessionsAndSaysSoWhenNoNodeRuns() throws Exception {
        assertEquals("no node is running\n", FelixHost.call(commands, "sessions"));
    }

    @Test
    void aValidConfigurationThatNoInstalledRoleRunsIsReportedNotSilentlyIgnored(@TempDir Path dir) throws Exception {
        Path conf = dir.resolve("compression-only.conf");
        Files.writeString(conf, "verb 3\nallow-compression yes\ncompress lz4-v2\n");
        @SuppressWarnings("unchecked")
        List<String> checked = (List<String>) FelixHost.call(kernel, "checkConfig", conf.toString());
        assertEquals(List.of(), checked);
        @SuppressWarnings("unchecked")
        List<String> run = (List<String>) FelixHost.call(kernel, "runConfig", conf.toString());
        assertEquals(1, run.size(), run.toString());
        assertTrue(run.get(0).contains("no installed module runs this configuration"), run.get(0));
    }

    @Test
    void aModuleDroppedIntoDeployIsInstalledAndBoundWhileTheNodeRuns() throws Exception {
        Bundle compress = bundleNamed("dev.culvert.module-compress");
        Path original = Path.of(java.net.URI.create(compress.getLocation().substring(FelixHost.REFERENCE.length())));
        Path deployed = host.home().resolve("deploy").resolve(original.getFileName());
        try {
            compress.uninstall();
            awaitStatus(s -> s.contains("compress: (empty) []"), "the compress slot empties when its module goes");
            Files.copy(original, deployed);
            awaitStatus(s -> s.contains("[lz4(ranking 20), snappy(ranking 10), none(ranking 0), lzo(ranking -10)]"),
                    "FileInstall installs the bundle from deploy/ and DS binds its codecs");
            String report = (String) FelixHost.call(commands, "selftest", 10_000, 1_000);
            assertTrue(report.contains("=> nothing lost"), report);
        } finally {
            Files.deleteIfExists(deployed);
            awaitStatus(s -> s.contains("compress: (empty) []"), "FileInstall uninstalls what leaves deploy/");
            host.context().installBundle(original.toUri().toString()).start();
            awaitStatus(s -> s.contains("[lz4(ranking 20), snappy(ranking 10), none(ranking 0), lzo(ranking -10)]"), "restored");
        }
    }

    @Test
    void fileInstallKeepsItsScratchFilesInTheNodesWorkDirectoryNotInTmp() throws Exception {
        String scratch = host.context().getProperty("felix.fileinstall.tmpdir");
        assertNotNull(scratch, "FileInstall is told where to keep its scratch files");
        Path work = host.home().resolve("work").toRealPath();
        assertTrue(Path.of(scratch).toRealPath().startsWith(work), scratch + " lies in the node's work directory " + work);
        assertTrue(Files.isDirectory(Path.of(scratch)), scratch);
    }

    @Test
    void fileInstallNeverWritesAConfigurationBackIntoTheOperatorsFile() throws Exception {
        assertEquals("false", host.context().getProperty("felix.fileinstall.enableConfigSave"));
        Path file = host.home().resolve("deploy").resolve("dev.culvert.test.WriteBack.config");
        Object admin = host.service("org.osgi.service.cm.ConfigurationAdmin", 10_000);
        try {
            Files.writeString(file, "answer=I\"42\"\n");
            Object configuration = awaitConfiguration(admin, "dev.culvert.test.WriteBack");
            // What another node's FileInstall sharing deploy/ does to this one's copy: the same
            // configuration, file name included, with another value.
            Hashtable<Object, Object> changed = new Hashtable<>();
            java.util.Dictionary<?, ?> current = (java.util.Dictionary<?, ?>) FelixHost.call(configuration, "getProperties");
            for (Object key : java.util.Collections.list(current.keys())) {
                changed.put(key, current.get(key));
            }
            changed.put("answer", 7);
            FelixHost.call(configuration, "update", changed);
            Thread.sleep(3_000); // three of FileInstall's scans; with saving on, it wrote within one
            assertEquals("answer=I\"42\"\n", Files.readString(file), "the operator's file is as the operator wrote it");
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** The configuration FileInstall made from a file in deploy/, within 20 s. */
    private static Object awaitConfiguration(Object admin, String pid) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            Object[] found = (Object[]) FelixHost.call(admin, "listConfigurations", "(service.pid=" + pid + ")");
            if (found != null && found.length == 1) {
                return found[0];
            }
            Thread.sleep(100);
        }
        throw new AssertionError("FileInstall made no configuration " + pid + " from deploy/ within 20 s");
    }

    @Test
    void fileInstallTakesOnlyBundlesAndConfigurationsFromDeployNotItsReadme() throws Exception {
        String filter = host.context().getProperty("felix.fileinstall.filter");
        assertEquals(FelixHost.DEPLOY_FILTER, filter, "FileInstall is given the filter");
        Pattern names = Pattern.compile(filter);
        assertTrue(Files.exists(host.home().resolve("deploy").resolve("README")), "the distribution ships deploy/README");
        for (String taken : List.of("module-compress-0.1.0.jar", "dev.culvert.ssl.conscrypt.ConscryptAeadProvider.config", "x.cfg")) {
            assertTrue(names.matcher(taken).matches(), taken);
        }
        for (String left : List.of("README", "notes.txt", "module.jar.part", "jar", "old.config~")) {
            assertFalse(names.matcher(left).matches(), left);
        }
    }

    private static Bundle bundleNamed(String symbolicName) {
        return host.bundles().stream().filter(b -> symbolicName.equals(b.getSymbolicName())).findFirst()
                .orElseThrow(() -> new AssertionError(symbolicName + " is not installed: " + host.describeBundles()));
    }

    /** Polls culvert:status for at most 20 s (FileInstall scans deploy/ every second). */
    private static void awaitStatus(java.util.function.Predicate<String> condition, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        String status = "";
        while (System.nanoTime() < deadline) {
            status = (String) FelixHost.call(commands, "status");
            if (condition.test(status)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(what + " within 20 s; status was:\n" + status);
    }
}

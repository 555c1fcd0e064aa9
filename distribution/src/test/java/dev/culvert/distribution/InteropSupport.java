package dev.culvert.distribution;

import dev.culvert.core.io.tun.IpTool;
import dev.culvert.testing.netns.NetnsHarness;
import dev.culvert.testing.netns.NetnsHarness.NodeProcess;
import dev.culvert.testing.netns.Prerequisites;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** What the interop tests against stock OpenVPN share: the openvpn prerequisite and the clean-up. */
final class InteropSupport {
    private InteropSupport() {
    }

    /** Stock openvpn must be installed; with CI=true its absence fails the test instead of skipping it. */
    static void requireOpenvpn() {
        try {
            IpTool.runCommand(List.of("openvpn", "--version"), 10, TimeUnit.SECONDS);
        } catch (IOException e) {
            if (!e.getMessage().contains("exit 1")) { // openvpn --version exits 1 after printing
                Prerequisites.missing("stock openvpn is not installed (apt-get install -y openvpn): " + e.getMessage());
            }
        }
    }

    /**
     * A stock OpenVPN 2.6 client in {@code ns} of a UDP server at {@code remote port} that uses
     * the PKI's certificates and tls-crypt key; its configuration is written into {@code work}.
     */
    static NodeProcess stockClient(NetnsHarness net, String ns, Path work, InteropPki pki, String remote, int port) throws IOException {
        Path conf = work.resolve("client-" + port + ".conf");
        Files.write(conf, List.of("client", "dev tun", "proto udp", "remote " + remote + " " + port, "nobind", "connect-retry 1",
                "ca " + pki.file("ca.crt"), "cert " + pki.file("client.crt"), "key " + pki.file("client.key"),
                "remote-cert-tls server", "tls-crypt " + pki.file("tc.key"), "verb 3"));
        return net.startProgram(ns, "openvpn-client-" + port, Map.of(), "openvpn", "--config", conf.toString());
    }

    /** The assembled distribution's {@code bin/culvert --config conf} in {@code ns}, its work directory in {@code work}; does not wait. */
    static NodeProcess culvert(NetnsHarness net, String ns, String label, Path conf, Path work) throws IOException {
        return culvert(net, ns, label, conf, work, Map.of());
    }

    /** As above, with more environment variables for the launcher (CULVERT_DEPLOY, say; CULVERT_JAVA_OPTS is added to the work directory's). */
    static NodeProcess culvert(NetnsHarness net, String ns, String label, Path conf, Path work, Map<String, String> environment)
            throws IOException {
        Path launcher = Path.of(System.getProperty("culvert.dist", "target/culvert")).toAbsolutePath().resolve("bin/culvert");
        Map<String, String> env = new java.util.HashMap<>(environment);
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("CULVERT_JAVA_OPTS", ("-Dculvert.work=" + work.resolve("node-" + label) + " " + environment.getOrDefault("CULVERT_JAVA_OPTS", "")).trim());
        return net.startProgram(ns, "culvert-" + label, env, launcher.toString(), "--config", conf.toString(), "--no-shell");
    }

    /**
     * {@link #culvert}, waited for until it logs "Initialization Sequence Completed" (60 s); stopped
     * again if it does not.
     */
    static NodeProcess culvertUp(NetnsHarness net, String ns, String label, Path conf, Path work) throws Exception {
        return culvertUp(net, ns, label, conf, work, Map.of());
    }

    /** {@link #culvertUp}, with more environment variables for the launcher. */
    static NodeProcess culvertUp(NetnsHarness net, String ns, String label, Path conf, Path work, Map<String, String> environment)
            throws Exception {
        NodeProcess culvert = culvert(net, ns, label, conf, work, environment);
        try {
            culvert.awaitLine("its tunnel up", l -> l.contains("Initialization Sequence Completed"), 60, java.util.concurrent.TimeUnit.SECONDS);
            return culvert;
        } catch (Exception | AssertionError e) {
            stop(culvert);
            throw e;
        }
    }

    /** Stops a process the test started (null: nothing to stop): SIGTERM, SIGKILL if it is still there after 10 s. */
    static void stop(NodeProcess p) throws InterruptedException {
        if (p == null) {
            return;
        }
        p.process().destroy();
        if (!p.process().waitFor(10, TimeUnit.SECONDS)) {
            p.process().destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    /** Removes the test's namespaces (and what runs in them) and its work directory. */
    static void cleanUp(NetnsHarness net, Path work) throws IOException {
        if (net != null) {
            net.close();
        }
        if (work != null) {
            try (Stream<Path> files = Files.walk(work)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}

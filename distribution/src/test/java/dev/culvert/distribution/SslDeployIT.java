package dev.culvert.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.testing.netns.NetnsHarness.NodeProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SSL backends moved by files in {@code deploy/}, the operator's recipe in the README, end to end:
 * a Culvert server started from a copy of the distribution without module-ssl-conscrypt in
 * {@code bundle/} (so bc makes its keys and jce seals), a Culvert client, and a UDP stream with
 * sequence numbers through the tunnel at 20,000 datagrams a second.
 * <ol>
 *   <li>The operator drops a one-line {@code .config} raising Conscrypt's AEAD over the JCE, then
 *       the module's jar, into the server's {@code deploy/}: FileInstall installs the bundle,
 *       Conscrypt's TLS (ranked 20) outranks bc (10) and its AEAD (ranked 0 by the file) the JCE
 *       (-100). {@code culvert:sessions} shows the session sealing with Conscrypt's contexts, and
 *       the key of the next renegotiation ({@code reneg-sec}) made by Conscrypt.</li>
 *   <li>The operator removes both files: the bundle is uninstalled, the session seals with the
 *       JCE again, and the next key is bc's.</li>
 * </ol>
 * The client never reconnects, and the stream loses, reorders and duplicates nothing; the figures
 * are printed.
 */
class SslDeployIT {
    static final int PORT = 1452;
    static final int STREAM_PORT = 7001;
    static final int RATE = 20_000;
    static final int RENEG_SECONDS = 10;
    /** The configuration that ranks Conscrypt's AEAD provider (its component's PID) over the JCE's -100. */
    static final String AEAD_CONFIG = "dev.culvert.ssl.conscrypt.ConscryptAeadProvider.config";

    static LaunchedNodes nodes;

    @BeforeAll
    static void network() throws Exception {
        nodes = LaunchedNodes.open("deploy");
    }

    @AfterAll
    static void cleanUp() throws IOException {
        if (nodes != null) {
            nodes.close();
        }
    }

    @Test
    void conscryptDroppedIntoDeployMakesTheNextKeyAndSealsThenItsRemovalGoesBackToBcAndJce() throws Exception {
        Path home = distributionWithoutConscrypt();
        Path moduleJar = home.resolve("opt").resolve(conscryptModule().getFileName());
        Path deploy = home.resolve("deploy");
        Path serverConf = nodes.serverConf(PORT, "-deploy", List.of("reneg-sec " + RENEG_SECONDS, "keepalive 2 30"));
        GogoConsole server = new GogoConsole(nodes.startWithShell(nodes.serverNs(), serverConf, "server", home));
        awaitLine(server.node(), "Initialization Sequence Completed");
        GogoConsole client = new GogoConsole(nodes.startWithShell(nodes.clientNs(), nodes.culvertClientConf(PORT, List.of()), "client"));
        awaitLine(client.node(), "Initialization Sequence Completed");
        nodes.net().exec(nodes.clientNs(), "ip", "link", "set", "dev", "tun0", "txqueuelen", "20000");
        KeyShown first = KeyShown.of(server);
        assertEquals(new KeyShown(first.keyId(), "bc", "jce"), first, "without Conscrypt, bc makes the keys and jce seals");

        try (SequencedUdpStream stream = new SequencedUdpStream(nodes.net(), nodes.clientNs(), nodes.serverNs(),
                "10.8.0.1", STREAM_PORT, RATE)) {
            stream.awaitReceived(RATE);
            long dropFrom = stream.sent();
            Files.writeString(deploy.resolve(AEAD_CONFIG), "service.ranking=I\"0\"\n");
            dropInto(deploy, moduleJar);
            KeyShown sealing = await(server, k -> k.aead().equals("conscrypt"), "seals with Conscrypt");
            KeyShown conscryptKey = await(server, k -> k.tls().equals("conscrypt") && k.aead().equals("conscrypt"),
                    "a key made by Conscrypt, sealing with Conscrypt");
            stream.awaitReceived(stream.sent() + RATE);
            long removeFrom = stream.sent();
            Files.delete(deploy.resolve(moduleJar.getFileName()));
            Files.delete(deploy.resolve(AEAD_CONFIG));
            KeyShown backToJce = await(server, k -> k.aead().equals("jce"), "seals with the JCE again");
            KeyShown bcKey = await(server, k -> k.tls().equals("bc") && k.aead().equals("jce"), "a key made by bc, sealing with the JCE");
            stream.awaitReceived(stream.sent() + RATE);
            long end = stream.sent();
            stream.stopAndDrain();

            SequencedUdpStream.Span dropped = stream.span(dropFrom, removeFrom);
            SequencedUdpStream.Span removed = stream.span(removeFrom, end);
            SequencedUdpStream.Span whole = stream.span(0, end);
            System.out.println("keys: first " + first + "; after the drop " + sealing + ", then " + conscryptKey
                    + "; after the removal " + backToJce + ", then " + bcKey);
            System.out.println("from the drop into deploy/ to the removal: " + dropped);
            System.out.println("from the removal to the end: " + removed);
            System.out.println("whole stream: " + whole);
            System.out.println("runs of lost datagrams (first+count@ms): " + stream.lossRuns(0, end, 40));
            System.out.printf("drop at %d ms, removal at %d ms%n", dropFrom * 1000 / RATE, removeFrom * 1000 / RATE);
            assertTrue(conscryptKey.keyId() != first.keyId() && bcKey.keyId() != conscryptKey.keyId(),
                    "each backend's key came from a renegotiation: " + first + ", " + conscryptKey + ", " + bcKey);
            assertClean(dropped, "while Conscrypt came in");
            assertClean(removed, "while Conscrypt went out");
            assertClean(whole, "over the whole stream");
        }
        List<String> bundles = server.run("lb -s", l -> l.contains("stack-core"));
        assertTrue(bundles.stream().noneMatch(l -> l.contains("dev.culvert.module-ssl-conscrypt")),
                "FileInstall uninstalled the module:\n" + String.join("\n", bundles));
        NodeProcess clientNode = client.node();
        assertEquals(1, clientNode.lines().stream().filter(l -> l.contains("Initialization Sequence Completed")).count(),
                "the tunnel never went down (the client connected once): " + String.join("\n", clientNode.lines()));
        assertTrue(server.node().process().isAlive() && clientNode.process().isAlive(), "both nodes still run");
    }

    /**
     * A copy of the distribution, as an operator makes one that starts without Conscrypt: the
     * module's jar moved from {@code bundle/} to {@code opt/} (its library, conscrypt-openjdk-uber,
     * stays; alone it registers nothing).
     */
    private static Path distributionWithoutConscrypt() throws Exception {
        Path home = nodes.work().resolve("culvert-home");
        Process copy = new ProcessBuilder("cp", "-a", LaunchedNodes.distribution().toString(), home.toString()).inheritIO().start();
        assertTrue(copy.waitFor(60, TimeUnit.SECONDS) && copy.exitValue() == 0, "copied the distribution");
        Path jar = home.resolve("bundle").resolve(conscryptModule().getFileName());
        Files.createDirectories(home.resolve("opt"));
        Files.move(jar, home.resolve("opt").resolve(jar.getFileName()));
        return home;
    }

    private static Path conscryptModule() throws IOException {
        try (Stream<Path> jars = Files.list(LaunchedNodes.distribution().resolve("bundle"))) {
            return jars.filter(p -> p.getFileName().toString().startsWith("module-ssl-conscrypt-")).findFirst()
                    .orElseThrow(() -> new AssertionError("no module-ssl-conscrypt jar in the distribution's bundle/"));
        }
    }

    /** Copies a jar into deploy/ as the README says to: beside it first, then renamed in, so FileInstall never sees half a jar. */
    private static void dropInto(Path deploy, Path jar) throws IOException {
        Path partial = deploy.getParent().resolve(jar.getFileName() + ".partial");
        Files.copy(jar, partial, StandardCopyOption.REPLACE_EXISTING);
        Files.move(partial, deploy.resolve(jar.getFileName()), StandardCopyOption.ATOMIC_MOVE);
    }

    private static void assertClean(SequencedUdpStream.Span span, String when) {
        assertEquals(0, span.lost(), "nothing lost " + when + ": " + span);
        assertEquals(0, span.reordered(), "nothing reordered " + when + ": " + span);
        assertEquals(0, span.duplicates(), "nothing decrypted twice " + when + ": " + span);
    }

    /** Polls culvert:sessions until the server's session shows {@code wanted} (two reneg-sec and FileInstall's poll at most). */
    private static KeyShown await(GogoConsole node, java.util.function.Predicate<KeyShown> wanted, String what) throws Exception {
        long seconds = 2L * RENEG_SECONDS + 10;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        KeyShown shown;
        do {
            shown = KeyShown.of(node);
            if (wanted.test(shown)) {
                return shown;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        List<String> status = node.run("culvert:status", l -> l.contains("native I/O"));
        throw new AssertionError(node.node().label() + ": no " + what + " within " + seconds + " s: " + shown
                + "\nculvert:status:\n" + String.join("\n", status));
    }



    private static void awaitLine(NodeProcess node, String text) throws Exception {
        ServerInteropIT.awaitLine(node::lines, node.process()::isAlive, node.label(), l -> l.contains(text), 60);
    }
}

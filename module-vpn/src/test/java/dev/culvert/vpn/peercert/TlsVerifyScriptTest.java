package dev.culvert.vpn.peercert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.testing.pki.TestPki;
import dev.culvert.vpn.hook.ScriptCommand;
import dev.culvert.vpn.hook.Scripts;
import dev.culvert.vpn.session.PeerRefusal;
import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * tls-verify as 2.6 runs it: once per certificate from the CA down, with DEPTH and SUBJECT, the
 * certificates' variables, and with tls-export-cert the certificate in a file for the call only.
 */
class TlsVerifyScriptTest {
    private static final InetSocketAddress PEER = new InetSocketAddress("192.0.2.7", 40123);
    private static TestPki.Issued ca;
    private static X509Certificate alice;

    @TempDir
    Path dir;

    @BeforeAll
    static void pki() throws Exception {
        ca = TestPki.ca("verify-ca");
        alice = TestPki.leaf(ca, "O=Example,CN=alice", b -> { }).certificate();
    }

    /** A script that logs its arguments and environment per call, copies peer_cert, and exits with {@code exit}. */
    private Path script(String exit) throws Exception {
        Path script = dir.resolve("verify.sh");
        Files.writeString(script, "#!/bin/sh\n"
                + "echo \"$1|$2\" >> " + dir.resolve("calls") + "\n"
                + "/usr/bin/env > " + dir.resolve("env.") + "$1\n"
                + "if [ -n \"$peer_cert\" ]; then cat \"$peer_cert\" > " + dir.resolve("pem.") + "$1; fi\n"
                + exit + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    private TlsVerifyScript verifier(Path script, Optional<Path> export, Duration limit) {
        return new TlsVerifyScript(ScriptCommand.parse(script.toString()), export, Optional.empty(), List.of(ca.certificate()),
                Scripts.of(Map.of("daemon", "0"), dir, limit));
    }

    private static PeerRefusal await(TlsVerifyScript verifier, List<X509Certificate> chain) throws Exception {
        return verifier.verify(chain, PEER).toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    private Map<String, String> env(int depth) throws Exception {
        return Files.readAllLines(dir.resolve("env." + depth)).stream().filter(l -> l.contains("="))
                .collect(java.util.stream.Collectors.toMap(l -> l.substring(0, l.indexOf('=')), l -> l.substring(l.indexOf('=') + 1)));
    }

    @Test
    void itRunsForTheCaThenThePeerWithDepthAndSubject() throws Exception {
        assertNull(await(verifier(script("exit 0"), Optional.empty(), Duration.ofSeconds(20)), List.of(alice)),
                "the chain is completed with the configured CA");
        assertEquals(List.of("1|CN=verify-ca", "0|O=Example, CN=alice"), Files.readAllLines(dir.resolve("calls")));
    }

    @Test
    void eachCallSeesItsCertificateAndTheDeeperOnesAndTheAddress() throws Exception {
        await(verifier(script("exit 0"), Optional.empty(), Duration.ofSeconds(20)), List.of(alice));
        Map<String, String> ca1 = env(1);
        assertEquals("tls-verify", ca1.get("script_type"));
        assertEquals("verify-ca", ca1.get("X509_1_CN"));
        assertFalse(ca1.containsKey("X509_0_CN") || ca1.containsKey("common_name"), "the peer's own comes at depth 0");
        assertEquals("192.0.2.7", ca1.get("untrusted_ip"));
        assertEquals("40123", ca1.get("untrusted_port"));
        Map<String, String> leaf = env(0);
        assertEquals("alice", leaf.get("X509_0_CN"));
        assertEquals("alice", leaf.get("common_name"));
        assertEquals("verify-ca", leaf.get("X509_1_CN"), "the deeper certificate's variables stay");
        assertEquals(alice.getSerialNumber().toString(), leaf.get("tls_serial_0"));
        assertEquals("O=Example, CN=alice", leaf.get("tls_id_0"));
        assertEquals("0", leaf.get("daemon"), "the node's own variables");
        assertFalse(leaf.containsKey("peer_cert"), "no tls-export-cert, no file");
    }

    @Test
    void aNonZeroExitRefusesThePeerAndStopsTheCalls() throws Exception {
        PeerRefusal refusal = await(verifier(script("[ \"$1\" = 0 ] || exit 3"), Optional.empty(), Duration.ofSeconds(20)), List.of(alice));
        assertEquals(CertificateDrops.TLS_VERIFY, refusal.reason());
        assertTrue(refusal.detail().contains("exited 3 for depth=1, CN=verify-ca"), refusal.detail());
        assertEquals(List.of("1|CN=verify-ca"), Files.readAllLines(dir.resolve("calls")), "depth 0 was not asked");
    }

    @Test
    void aScriptThatHangsIsKilledAtItsLimitAndRefusesThePeer() throws Exception {
        PeerRefusal refusal = await(verifier(script("sleep 60"), Optional.empty(), Duration.ofMillis(500)), List.of(alice));
        assertEquals(CertificateDrops.TLS_VERIFY, refusal.reason());
        assertTrue(refusal.detail().contains("was killed"), refusal.detail());
    }

    @Test
    void tlsExportCertHandsEachCertificateAsPemForTheCallOnly() throws Exception {
        Path export = Files.createDirectory(dir.resolve("export"));
        assertNull(await(verifier(script("exit 0"), Optional.of(export), Duration.ofSeconds(20)), List.of(alice)));
        String pem = Files.readString(dir.resolve("pem.0"));
        assertTrue(pem.startsWith("-----BEGIN CERTIFICATE-----\n") && pem.endsWith("-----END CERTIFICATE-----\n"), pem);
        X509Certificate read = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(pem.getBytes()));
        assertEquals(alice, read);
        assertEquals(ca.certificate(), CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(dir.resolve("pem.1")))));
        String named = env(0).get("peer_cert");
        assertTrue(named.startsWith(export + "/openvpn_pef_"), named);
        try (var left = Files.list(export)) {
            assertEquals(0, left.count(), "every file is removed once its call ended");
        }
    }

    @Test
    void anUnwritableExportDirectoryRefusesThePeerWithoutRunningTheScript() throws Exception {
        PeerRefusal refusal = await(verifier(script("exit 0"), Optional.of(dir.resolve("gone")), Duration.ofSeconds(20)), List.of(alice));
        assertEquals(CertificateDrops.TLS_VERIFY, refusal.reason());
        assertTrue(refusal.detail().contains("tls-export-cert"), refusal.detail());
        assertFalse(Files.exists(dir.resolve("calls")));
    }

    @Test
    void theVerifiedPathTakesTheConfiguredCaFirstAndIgnoresStrangers() throws Exception {
        TestPki.Issued other = TestPki.ca("verify-ca"); // same name, other key
        assertEquals(List.of(alice, ca.certificate()), TlsVerifyScript.verifiedPath(List.of(alice, other.certificate()),
                List.of(other.certificate(), ca.certificate())));
        assertEquals(List.of(alice, ca.certificate()), TlsVerifyScript.verifiedPath(List.of(alice, ca.certificate()), List.of()));
        assertEquals(List.of(alice), TlsVerifyScript.verifiedPath(List.of(alice), List.of()));
    }
}

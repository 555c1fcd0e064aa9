package dev.culvert.vpn.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.core.config.Config;
import dev.culvert.spi.config.ConfigException;
import dev.culvert.spi.tls.TlsAlgorithms;
import dev.culvert.spi.tls.TlsProvider;
import dev.culvert.spi.tls.TlsSettings;
import dev.culvert.testing.pki.TestPki;
import dev.culvert.vpn.keys.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** tls-cipher, tls-ciphersuites, tls-groups, ecdh-curve and tls-version-max, read and checked against the active TLS module. */
class TlsOptionsTest {
    private static final VpnDirectives HANDLER = new VpnDirectives();

    /** A module with a few names, like BoringSSL's (which cannot narrow TLS 1.3) or not. */
    private record FakeTls(boolean narrowsTls13) implements TlsProvider {
        public String name() {
            return "fake";
        }

        public SSLEngine newEngine(TlsSettings settings) {
            throw new UnsupportedOperationException();
        }

        public byte[] exportKeyingMaterial(SSLEngine engine, String label, byte[] context, int length) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Set<String> supportedCipherSuites() {
            return Set.of("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
                    "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_RSA_WITH_AES_256_CBC_SHA",
                    "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256");
        }

        @Override
        public Set<String> supportedNamedGroups() {
            return Set.of("x25519", "secp256r1", "secp384r1");
        }

        @Override
        public boolean restrictsTls13CipherSuites() {
            return narrowsTls13;
        }
    }

    private static Config config(Path dir, String lines) throws Exception {
        Files.writeString(dir.resolve("ca.crt"), TestMaterial.caPem());
        Path file = dir.resolve("client.conf");
        Files.writeString(file, "client\ndev tun\nremote vpn.example\nca ca.crt\n" + lines);
        Config config = Config.load(file);
        List<ConfigException> problems = config.validate(List.of(HANDLER));
        if (!problems.isEmpty()) {
            throw problems.get(0);
        }
        return config;
    }

    private static TlsSettings settings(Path dir, String lines) throws Exception {
        return SecurityConfig.from(config(dir, lines), Role.CLIENT).tlsSettings();
    }

    @Test
    void theOptionsReachTheTlsSettingsInJsseNames(@TempDir Path dir) throws Exception {
        TlsSettings s = settings(dir, """
                tls-cipher ECDHE-RSA-AES256-GCM-SHA384:TLS-ECDHE-RSA-WITH-AES-128-GCM-SHA256
                tls-ciphersuites TLS_AES_256_GCM_SHA384
                tls-groups X25519:prime256v1
                tls-version-max 1.2
                """);
        assertEquals(new TlsAlgorithms(List.of("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"),
                List.of("TLS_AES_256_GCM_SHA384"), List.of("x25519", "secp256r1")), s.algorithms());
        assertEquals("TLSv1.2", s.maximumVersion());
        assertEquals(List.of("TLSv1.2"), s.enabledProtocols());
    }

    @Test
    void withoutTheOptionsTheModuleChoosesAndTls13IsAllowed(@TempDir Path dir) throws Exception {
        TlsSettings s = settings(dir, "tls-cipher DEFAULT:@SECLEVEL=0\n");
        assertEquals(TlsAlgorithms.MODULE_DEFAULTS, s.algorithms());
        assertEquals("TLSv1.3", s.maximumVersion());
    }

    @Test
    void ecdhCurveIsTheGroupListUnlessTlsGroupsIsGiven(@TempDir Path dir) throws Exception {
        assertEquals(List.of("secp256r1"), settings(dir, "ecdh-curve prime256v1\n").algorithms().namedGroups());
        assertEquals(List.of("x25519"), settings(dir, "ecdh-curve prime256v1\ntls-groups X25519\n").algorithms().namedGroups());
    }

    @Test
    void aNameTheModuleLacksIsRefusedAtItsLineWithTheClosestItHas(@TempDir Path dir) throws Exception {
        SecurityConfig security = SecurityConfig.from(config(dir, "tls-cipher ECDHE-RSA-AES256-SHA384\n"), Role.CLIENT);
        ConfigException e = assertThrows(ConfigException.class, () -> security.checkTlsModule(new FakeTls(true)));
        assertTrue(e.getMessage().contains("client.conf:5"), e.getMessage());
        assertTrue(e.getMessage().contains("no cipher suite TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384"), e.getMessage());
        assertTrue(e.getMessage().contains("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"), "the closest is suggested: " + e.getMessage());
        SecurityConfig groups = SecurityConfig.from(config(dir, "tls-groups X25519:X448\n"), Role.CLIENT);
        ConfigException g = assertThrows(ConfigException.class, () -> groups.checkTlsModule(new FakeTls(true)));
        assertTrue(g.getMessage().contains("no group x448") && g.getMessage().contains("x25519"), g.getMessage());
    }

    @Test
    void aCipherListWithSomeNamesTheModuleHasPassesAndTheOthersAreLeftOutAsOpensslDoes(@TempDir Path dir) throws Exception {
        SecurityConfig some = SecurityConfig.from(config(dir,
                "tls-cipher TLS-DHE-DSS-WITH-AES-256-CBC-SHA:TLS-RSA-WITH-AES-256-CBC-SHA\n"), Role.CLIENT);
        some.checkTlsModule(new FakeTls(true));
        SecurityConfig none = SecurityConfig.from(config(dir, "tls-cipher TLS-DHE-DSS-WITH-AES-256-CBC-SHA\n"), Role.CLIENT);
        ConfigException e = assertThrows(ConfigException.class, () -> none.checkTlsModule(new FakeTls(true)));
        assertTrue(e.getMessage().contains("no cipher suite TLS_DHE_DSS_WITH_AES_256_CBC_SHA"), e.getMessage());
    }

    @Test
    void namesTheModuleHasPass(@TempDir Path dir) throws Exception {
        SecurityConfig security = SecurityConfig.from(config(dir,
                "tls-cipher TLS-RSA-WITH-AES-256-CBC-SHA\ntls-groups secp384r1\ntls-ciphersuites TLS_AES_128_GCM_SHA256\n"), Role.CLIENT);
        security.checkTlsModule(new FakeTls(true));
    }

    @Test
    void aModuleThatCannotNarrowTls13RefusesAShorterListButTakesTheFullOne(@TempDir Path dir) throws Exception {
        SecurityConfig narrow = SecurityConfig.from(config(dir, "tls-ciphersuites TLS_AES_256_GCM_SHA384\n"), Role.CLIENT);
        ConfigException e = assertThrows(ConfigException.class, () -> narrow.checkTlsModule(new FakeTls(false)));
        assertTrue(e.getMessage().contains("always offers all of its TLS 1.3"), e.getMessage());
        SecurityConfig.from(config(dir, "tls-ciphersuites TLS_AES_256_GCM_SHA384:TLS_AES_128_GCM_SHA256:TLS_CHACHA20_POLY1305_SHA256\n"),
                Role.CLIENT).checkTlsModule(new FakeTls(false));
    }

    @Test
    void aMinimumBelow12AllowsWhat26WithOpenssl3Allows(@TempDir Path dir) throws Exception {
        assertEquals("TLSv1.2", settings(dir, "tls-version-min 1.0\n").minimumVersion());
        assertEquals("TLSv1.2", settings(dir, "tls-version-min 1.1 or-highest\n").minimumVersion());
        assertEquals("TLSv1.3", settings(dir, "tls-version-min 1.4 or-highest\n").minimumVersion());
        ConfigException unknown = assertThrows(ConfigException.class, () -> config(dir, "tls-version-min 1.4\n"));
        assertTrue(unknown.getMessage().contains("add 'or-highest'"), unknown.getMessage());
    }

    @Test
    void badLinesAreRefusedByTheirFirstCheckWithTheFix(@TempDir Path dir) throws Exception {
        ConfigException cipher = assertThrows(ConfigException.class, () -> config(dir, "tls-cipher EECDH+AESGCM\n"));
        assertTrue(cipher.getMessage().contains("client.conf:5") && cipher.getMessage().contains("ECDHE-RSA-AES256-GCM-SHA384"),
                cipher.getMessage());
        assertThrows(ConfigException.class, () -> config(dir, "tls-groups X25519:brainpoolP512r1\n"));
        assertThrows(ConfigException.class, () -> config(dir, "tls-version-max 1.1\n"));
        ConfigException order = assertThrows(ConfigException.class, () -> settings(dir, "tls-version-min 1.3\ntls-version-max 1.2\n"));
        assertTrue(order.getMessage().contains("below tls-version-min"), order.getMessage());
    }

    @Test
    void extraCertsFollowTheOwnCertificateInTheChainSent(@TempDir Path dir) throws Exception {
        TestPki.Issued ca = TestPki.ca("root");
        TestPki.Issued intermediate = TestPki.leaf(ca, "intermediate", TestPki.Usage.SERVER);
        TestPki.Issued own = TestPki.leaf(ca, "alice", TestPki.Usage.CLIENT);
        own.write(dir.resolve("alice.crt"), dir.resolve("alice.key"));
        Files.writeString(dir.resolve("chain.pem"), intermediate.certificatePem());
        TlsSettings s = settings(dir, "cert alice.crt\nkey alice.key\nextra-certs chain.pem\n");
        assertEquals(List.of(own.certificate(), intermediate.certificate()), s.certificateChain());
        ConfigException alone = assertThrows(ConfigException.class, () -> settings(dir, "extra-certs chain.pem\n"));
        assertTrue(alone.getMessage().contains("client.conf:5") && alone.getMessage().contains("no 'cert'"), alone.getMessage());
    }

    @Test
    void aPkcs12FileWithoutPasswordGivesTheKeyTheChainAndTheCa(@TempDir Path dir) throws Exception {
        TestPki.Issued ca = TestPki.ca("root");
        TestPki.Issued own = TestPki.leaf(ca, "alice", TestPki.Usage.CLIENT);
        java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("alice", own.keys().getPrivate(), new char[0],
                new java.security.cert.Certificate[] {own.certificate(), ca.certificate()});
        try (var out = Files.newOutputStream(dir.resolve("alice.p12"))) {
            store.store(out, new char[0]);
        }
        Files.writeString(dir.resolve("client.conf"), "client\ndev tun\nremote vpn.example\npkcs12 alice.p12\n");
        TlsSettings s = SecurityConfig.from(Config.load(dir.resolve("client.conf")), Role.CLIENT).tlsSettings();
        assertEquals(List.of(own.certificate()), s.certificateChain());
        assertEquals(List.of(ca.certificate()), s.trustAnchors());
        try (var out = Files.newOutputStream(dir.resolve("alice.p12"))) {
            store.store(out, "secret".toCharArray());
        }
        ConfigException locked = assertThrows(ConfigException.class,
                () -> SecurityConfig.from(Config.load(dir.resolve("client.conf")), Role.CLIENT));
        assertTrue(locked.getMessage().contains("client.conf:4") && locked.getMessage().contains("-passout pass:"), locked.getMessage());
    }

    @Test
    void capathAddsTheHashedCaCertificatesAndRefusesRevocationListsThere(@TempDir Path dir) throws Exception {
        TestPki.Issued other = TestPki.ca("other");
        Files.createDirectory(dir.resolve("cas"));
        Files.writeString(dir.resolve("cas/1a2b3c4d.0"), other.certificatePem());
        Files.writeString(dir.resolve("cas/README"), "not a certificate");
        TlsSettings s = settings(dir, "capath cas\n");
        assertEquals(2, s.trustAnchors().size());
        assertTrue(s.trustAnchors().contains(other.certificate()));
        Files.writeString(dir.resolve("cas/1a2b3c4d.r0"), "a list");
        ConfigException crl = assertThrows(ConfigException.class, () -> settings(dir, "capath cas\n"));
        assertTrue(crl.getMessage().contains("client.conf:5") && crl.getMessage().contains("crl-verify"), crl.getMessage());
    }
}

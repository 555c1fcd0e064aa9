package dev.culvert.vpn.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OpenSslTlsNamesTest {
    @Test
    void openSslSuiteNamesBecomeIanaNames() {
        assertEquals(Optional.of("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"), OpenSslTlsNames.suite("ECDHE-RSA-AES256-GCM-SHA384"));
        assertEquals(Optional.of("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"), OpenSslTlsNames.suite("ECDHE-ECDSA-AES128-GCM-SHA256"));
        assertEquals(Optional.of("TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256"), OpenSslTlsNames.suite("ECDHE-ECDSA-CHACHA20-POLY1305"));
        assertEquals(Optional.of("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA"), OpenSslTlsNames.suite("ECDHE-RSA-AES128-SHA"));
        assertEquals(Optional.of("TLS_DHE_RSA_WITH_AES_256_CBC_SHA256"), OpenSslTlsNames.suite("DHE-RSA-AES256-SHA256"));
        assertEquals(Optional.of("TLS_DHE_RSA_WITH_AES_256_CBC_SHA"), OpenSslTlsNames.suite("EDH-RSA-AES256-SHA"));
        assertEquals(Optional.of("TLS_RSA_WITH_AES_256_GCM_SHA384"), OpenSslTlsNames.suite("AES256-GCM-SHA384"));
        assertEquals(Optional.of("TLS_RSA_WITH_AES_128_CBC_SHA"), OpenSslTlsNames.suite("AES128-SHA"));
        assertEquals(Optional.empty(), OpenSslTlsNames.suite("ECDHE-RSA-DES-CBC3-SHA"));
        assertEquals(Optional.empty(), OpenSslTlsNames.suite("ECDHE-AES128-SHA"));
    }

    @Test
    void ianaNamesWithDashesAsOpenVpnTakesThemAreIanaNames() {
        assertEquals(List.of("TLS_DHE_RSA_WITH_AES_256_CBC_SHA", "TLS_DHE_DSS_WITH_AES_256_CBC_SHA", "TLS_RSA_WITH_AES_256_CBC_SHA"),
                OpenSslTlsNames.tls12Suites("TLS-DHE-RSA-WITH-AES-256-CBC-SHA:TLS-DHE-DSS-WITH-AES-256-CBC-SHA:TLS-RSA-WITH-AES-256-CBC-SHA"));
        assertEquals(List.of("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"), OpenSslTlsNames.tls12Suites("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"));
    }

    @Test
    void defaultKeywordsAndHarmlessExclusionsLeaveTheModulesOwnList() {
        assertEquals(List.of(), OpenSslTlsNames.tls12Suites("DEFAULT:@SECLEVEL=0"));
        assertEquals(List.of(), OpenSslTlsNames.tls12Suites("HIGH:!aNULL:!MD5:!RC4"));
    }

    @Test
    void anExclusionRemovesANamedSuiteAndKeepsTheOrder() {
        assertEquals(List.of("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"),
                OpenSslTlsNames.tls12Suites("ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-RSA-CHACHA20-POLY1305"
                        + ":!ECDHE-RSA-AES256-GCM-SHA384"));
    }

    @Test
    void whatCulvertCannotReadIsRefusedSayingWhich() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> OpenSslTlsNames.tls12Suites("EECDH+AESGCM"))
                .getMessage().contains("'EECDH+AESGCM'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> OpenSslTlsNames.tls12Suites("DEFAULT:ECDHE-RSA-AES128-SHA"))
                .getMessage().contains("mixed"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> OpenSslTlsNames.tls12Suites("TLS_AES_256_GCM_SHA384"))
                .getMessage().contains("TLS 1.3"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> OpenSslTlsNames.tls12Suites("!aNULL"))
                .getMessage().contains("no cipher suite"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> OpenSslTlsNames.tls12Suites("+AES128-SHA"))
                .getMessage().contains("reorders"));
        assertThrows(IllegalArgumentException.class, () -> OpenSslTlsNames.tls13Suites("ECDHE-RSA-AES128-SHA"));
    }

    @Test
    void tls13SuitesAndGroupsTakeOpenSslsNames() {
        assertEquals(List.of("TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256"),
                OpenSslTlsNames.tls13Suites("TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256"));
        assertEquals(List.of("x25519", "secp256r1", "secp384r1", "secp521r1"), OpenSslTlsNames.groups("X25519:prime256v1:secp384r1:P-521"));
        assertEquals(List.of("secp256r1"), OpenSslTlsNames.groups("prime256v1"));
        assertThrows(IllegalArgumentException.class, () -> OpenSslTlsNames.groups("brainpoolP256r1"));
    }

    @Test
    void theClosestNamesComeFirst() {
        assertEquals(List.of("secp256r1", "secp384r1"), ClosestNames.to("secp265r1", List.of("x25519", "secp384r1", "secp256r1"), 2));
        assertEquals(0, ClosestNames.distance("abc", "abc"));
        assertEquals(2, ClosestNames.distance("ab", "ba"));
    }
}

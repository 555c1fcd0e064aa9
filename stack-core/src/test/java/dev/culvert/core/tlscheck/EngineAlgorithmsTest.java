package dev.culvert.core.tlscheck;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.spi.tls.TlsAlgorithms;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.Test;

/** A configuration's suites on an engine: what the engine lacks is left out, as OpenSSL does, unless nothing is left. */
class EngineAlgorithmsTest {
    private static SSLEngine engine() throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, null, null);
        return context.createSSLEngine();
    }

    @Test
    void tls12SuitesTheEngineLacksAreLeftOutAndTls13KeepsTheEnginesOwn() throws Exception {
        SSLEngine engine = engine();
        EngineAlgorithms.apply(engine, new TlsAlgorithms(List.of("TLS_DHE_DSS_WITH_NOTHING", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"),
                List.of(), List.of()));
        List<String> enabled = List.of(engine.getEnabledCipherSuites());
        assertTrue(enabled.contains("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"), enabled.toString());
        assertFalse(enabled.contains("TLS_DHE_DSS_WITH_NOTHING"), enabled.toString());
        assertTrue(enabled.contains("TLS_AES_128_GCM_SHA256"), "TLS 1.3 is not switched off: " + enabled);
    }

    @Test
    void aListOfOnlyUnknownSuitesIsAnError() throws Exception {
        SSLEngine engine = engine();
        assertThrows(IllegalArgumentException.class,
                () -> EngineAlgorithms.apply(engine, new TlsAlgorithms(List.of("TLS_DHE_DSS_WITH_NOTHING"), List.of(), List.of())));
    }
}

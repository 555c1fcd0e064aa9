package dev.culvert.ssl.bc;

import dev.culvert.core.tlscheck.ExplainingTrustManager;
import dev.culvert.core.tlscheck.ForwardingSSLEngine;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import org.bouncycastle.jsse.BCSSLEngine;

/**
 * A BCJSSE engine whose failures read as sentences: every call goes to the BCJSSE engine, and an
 * {@link SSLException} leaving {@code wrap}, {@code unwrap} or {@code beginHandshake} is replaced by
 * one whose message says what went wrong ({@link HandshakeFailures}), with BCJSSE's as its cause.
 * Only the control channel passes through here, so the extra call costs nothing that matters.
 */
final class ExplainingSSLEngine extends ForwardingSSLEngine {
    private final BCSSLEngine bcEngine;
    private final ExplainingTrustManager trust;
    private final String versions;
    private final ExporterSecretHolder exporterSecret;

    ExplainingSSLEngine(SSLEngine engine, ExplainingTrustManager trust, List<String> enabledProtocols, ExporterSecretHolder exporterSecret) {
        super(engine);
        this.bcEngine = (BCSSLEngine) engine;
        this.trust = trust;
        this.versions = String.join(" and ", enabledProtocols);
        this.exporterSecret = exporterSecret;
    }

    /** Where this engine's TLS 1.3 exporter secret is captured. */
    ExporterSecretHolder exporterSecret() {
        return exporterSecret;
    }

    /** The BCJSSE engine underneath, for its connection (the exporter). */
    BCSSLEngine bcEngine() {
        return bcEngine;
    }

    @Override
    protected SSLException explain(SSLException failure) {
        boolean handshaking = bcEngine.getConnection() == null;
        return HandshakeFailures.explain(failure, trust.refusal(), engine.getUseClientMode(), handshaking, versions);
    }
}

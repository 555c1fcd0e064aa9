package dev.culvert.ssl.bc;

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
    private final String versions;
    private final ExporterSecretHolder exporterSecret;

    ExplainingSSLEngine(SSLEngine engine, ExporterSecretHolder exporterSecret, List<String> enabledProtocols) {
        super(engine, exporterSecret);
        this.bcEngine = (BCSSLEngine) engine;
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

    /** The session is over on this side: its exporter secret goes at once, not when the engine is collected. */
    @Override
    public void closeOutbound() {
        try {
            super.closeOutbound();
        } finally {
            exporterSecret.wipe();
        }
    }

    @Override
    protected SSLException explain(SSLException failure) {
        boolean handshaking = bcEngine.getConnection() == null;
        return HandshakeFailures.explain(failure, record.refusal(), engine.getUseClientMode(), handshaking, versions);
    }
}

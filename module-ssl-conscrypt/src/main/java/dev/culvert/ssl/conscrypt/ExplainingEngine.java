package dev.culvert.ssl.conscrypt;

import dev.culvert.core.tlscheck.ForwardingSSLEngine;
import dev.culvert.core.tlscheck.EngineRecord;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;

/**
 * A Conscrypt engine whose failures read as sentences and which knows when its handshake has
 * finished. Every call goes to the Conscrypt engine; an {@link SSLException} leaving {@code wrap},
 * {@code unwrap}, {@code beginHandshake} or {@code closeInbound} is replaced by one whose message
 * says what went wrong ({@link HandshakeFailures}), with Conscrypt's as its cause. Only the control
 * channel passes through here, so the extra call costs nothing that matters.
 */
final class ExplainingEngine extends ForwardingSSLEngine {
    private final String versions;
    private volatile boolean handshakeFinished;

    ExplainingEngine(SSLEngine engine, List<String> enabledProtocols) {
        super(engine, new EngineRecord());
        this.versions = String.join(" and ", enabledProtocols);
    }

    /** The Conscrypt engine underneath, for Conscrypt's static API (the exporter). */
    SSLEngine conscryptEngine() {
        return engine;
    }

    /** Whether the first handshake has completed (a wrap or unwrap reported FINISHED). */
    boolean handshakeFinished() {
        return handshakeFinished;
    }

    @Override
    protected void finished() {
        handshakeFinished = true;
    }

    @Override
    protected SSLException explain(SSLException failure) {
        return HandshakeFailures.explain(failure, record.refusal(), engine.getUseClientMode(), !handshakeFinished, versions);
    }
}

package dev.culvert.core.tlscheck;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.BiFunction;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;

/**
 * An {@link SSLEngine} that forwards every call to a provider's engine and turns an
 * {@link SSLException} leaving {@code wrap}, {@code unwrap}, {@code beginHandshake} or
 * {@code closeInbound} into one an operator can read ({@link #explain}). Each of those calls, and
 * each delegated task, runs with the engine's {@link EngineRecord} bound to the thread, so that the
 * trust manager and crypto its SSLContext shares know whose handshake they serve. TLS providers
 * extend it with what they must know about their engine; only the control channel passes through it.
 */
public abstract class ForwardingSSLEngine extends SSLEngine {
    /** The provider's engine underneath. */
    protected final SSLEngine engine;
    /** What this engine's handshake learned: the refusal, and whatever the provider adds. */
    protected final EngineRecord record;

    protected ForwardingSSLEngine(SSLEngine engine, EngineRecord record) {
        super(engine.getPeerHost(), engine.getPeerPort());
        this.engine = engine;
        this.record = record;
    }

    /** The exception the caller sees instead of {@code failure}, with {@code failure} as its cause. */
    protected abstract SSLException explain(SSLException failure);

    /**
     * Sees every result of {@code wrap} and {@code unwrap}. A finished handshake's session is
     * invalidated at once: the TLS modules' engines share their context ({@link SharedContexts}) and
     * so its session cache, from which a TLS 1.2 client could otherwise resume it with a later
     * handshake and skip the certificate checks. OpenVPN never resumes a session.
     */
    private SSLEngineResult seen(SSLEngineResult result) {
        if (result.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.FINISHED) {
            engine.getSession().invalidate();
            finished();
        }
        return result;
    }

    /** Called when a {@code wrap} or {@code unwrap} reports the handshake finished, after its session was invalidated. */
    protected void finished() {
    }

    @Override
    public SSLEngineResult wrap(ByteBuffer[] sources, int offset, int length, ByteBuffer destination) throws SSLException {
        try {
            return seen(record.within(() -> engine.wrap(sources, offset, length, destination)));
        } catch (SSLException e) {
            throw explain(e);
        }
    }

    @Override
    public SSLEngineResult unwrap(ByteBuffer source, ByteBuffer[] destinations, int offset, int length) throws SSLException {
        try {
            return seen(record.within(() -> engine.unwrap(source, destinations, offset, length)));
        } catch (SSLException e) {
            throw explain(e);
        }
    }

    @Override
    public void beginHandshake() throws SSLException {
        try {
            record.within(() -> {
                engine.beginHandshake();
                return null;
            });
        } catch (SSLException e) {
            throw explain(e);
        }
    }

    @Override
    public void closeInbound() throws SSLException {
        try {
            record.within(() -> {
                engine.closeInbound();
                return null;
            });
        } catch (SSLException e) {
            throw explain(e);
        }
    }

    @Override
    public Runnable getDelegatedTask() {
        return record.within(engine.getDelegatedTask());
    }

    @Override
    public boolean isInboundDone() {
        return engine.isInboundDone();
    }

    @Override
    public void closeOutbound() {
        engine.closeOutbound();
    }

    @Override
    public boolean isOutboundDone() {
        return engine.isOutboundDone();
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return engine.getSupportedCipherSuites();
    }

    @Override
    public String[] getEnabledCipherSuites() {
        return engine.getEnabledCipherSuites();
    }

    @Override
    public void setEnabledCipherSuites(String[] suites) {
        engine.setEnabledCipherSuites(suites);
    }

    @Override
    public String[] getSupportedProtocols() {
        return engine.getSupportedProtocols();
    }

    @Override
    public String[] getEnabledProtocols() {
        return engine.getEnabledProtocols();
    }

    @Override
    public void setEnabledProtocols(String[] protocols) {
        engine.setEnabledProtocols(protocols);
    }

    @Override
    public SSLSession getSession() {
        return engine.getSession();
    }

    @Override
    public SSLSession getHandshakeSession() {
        return engine.getHandshakeSession();
    }

    @Override
    public SSLEngineResult.HandshakeStatus getHandshakeStatus() {
        return engine.getHandshakeStatus();
    }

    @Override
    public void setUseClientMode(boolean mode) {
        engine.setUseClientMode(mode);
    }

    @Override
    public boolean getUseClientMode() {
        return engine.getUseClientMode();
    }

    @Override
    public void setNeedClientAuth(boolean need) {
        engine.setNeedClientAuth(need);
    }

    @Override
    public boolean getNeedClientAuth() {
        return engine.getNeedClientAuth();
    }

    @Override
    public void setWantClientAuth(boolean want) {
        engine.setWantClientAuth(want);
    }

    @Override
    public boolean getWantClientAuth() {
        return engine.getWantClientAuth();
    }

    @Override
    public void setEnableSessionCreation(boolean flag) {
        engine.setEnableSessionCreation(flag);
    }

    @Override
    public boolean getEnableSessionCreation() {
        return engine.getEnableSessionCreation();
    }

    @Override
    public SSLParameters getSSLParameters() {
        return engine.getSSLParameters();
    }

    @Override
    public void setSSLParameters(SSLParameters parameters) {
        engine.setSSLParameters(parameters);
    }

    @Override
    public String getApplicationProtocol() {
        return engine.getApplicationProtocol();
    }

    @Override
    public String getHandshakeApplicationProtocol() {
        return engine.getHandshakeApplicationProtocol();
    }

    @Override
    public void setHandshakeApplicationProtocolSelector(BiFunction<SSLEngine, List<String>, String> selector) {
        // BCJSSE would hand its own engine to the selector; hand over this one, which callers know.
        engine.setHandshakeApplicationProtocolSelector(selector == null ? null : (ignored, protocols) -> selector.apply(this, protocols));
    }

    @Override
    public String toString() {
        return "bc " + engine;
    }
}

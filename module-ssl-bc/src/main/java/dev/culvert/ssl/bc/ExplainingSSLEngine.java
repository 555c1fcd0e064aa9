package dev.culvert.ssl.bc;

import dev.culvert.core.tlscheck.ExplainingTrustManager;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.BiFunction;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import org.bouncycastle.jsse.BCSSLEngine;

/**
 * A BCJSSE engine whose failures read as sentences: every call goes to the BCJSSE engine, and an
 * {@link SSLException} leaving {@code wrap}, {@code unwrap} or {@code beginHandshake} is replaced by
 * one whose message says what went wrong ({@link HandshakeFailures}), with BCJSSE's as its cause.
 * Only the control channel passes through here, so the extra call costs nothing that matters.
 */
final class ExplainingSSLEngine extends SSLEngine {
    private final SSLEngine engine;
    private final BCSSLEngine bcEngine;
    private final ExplainingTrustManager trust;
    private final String versions;
    private final ExporterSecretHolder exporterSecret;

    ExplainingSSLEngine(SSLEngine engine, ExplainingTrustManager trust, List<String> enabledProtocols, ExporterSecretHolder exporterSecret) {
        super(engine.getPeerHost(), engine.getPeerPort());
        this.engine = engine;
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

    private SSLException explain(SSLException failure) {
        boolean handshaking = bcEngine.getConnection() == null;
        return HandshakeFailures.explain(failure, trust.refusal(), engine.getUseClientMode(), handshaking, versions);
    }

    @Override
    public SSLEngineResult wrap(ByteBuffer[] sources, int offset, int length, ByteBuffer destination) throws SSLException {
        try {
            return engine.wrap(sources, offset, length, destination);
        } catch (SSLException e) {
            throw explain(e);
        }
    }

    @Override
    public SSLEngineResult unwrap(ByteBuffer source, ByteBuffer[] destinations, int offset, int length) throws SSLException {
        try {
            return engine.unwrap(source, destinations, offset, length);
        } catch (SSLException e) {
            throw explain(e);
        }
    }

    @Override
    public void beginHandshake() throws SSLException {
        try {
            engine.beginHandshake();
        } catch (SSLException e) {
            throw explain(e);
        }
    }

    @Override
    public void closeInbound() throws SSLException {
        try {
            engine.closeInbound();
        } catch (SSLException e) {
            throw explain(e);
        }
    }

    @Override
    public Runnable getDelegatedTask() {
        return engine.getDelegatedTask();
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

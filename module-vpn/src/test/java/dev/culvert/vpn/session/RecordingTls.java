package dev.culvert.vpn.session;

import dev.culvert.core.tlscheck.EngineRecord;
import dev.culvert.core.tlscheck.ForwardingSSLEngine;
import dev.culvert.spi.tls.TlsProvider;
import dev.culvert.spi.tls.TlsSettings;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;

/** A TLS module that is another one, keeping every engine it makes, and what it was told, for the test to look at. */
final class RecordingTls implements TlsProvider {
    private final TlsProvider real;
    private final List<SSLEngine> made;

    RecordingTls(TlsProvider real, List<SSLEngine> made) {
        this.real = real;
        this.made = made;
    }

    @Override
    public String name() {
        return real.name();
    }

    @Override
    public SSLEngine newEngine(TlsSettings settings) throws GeneralSecurityException {
        Recorded engine = new Recorded(real.newEngine(settings));
        made.add(engine);
        return engine;
    }

    @Override
    public byte[] exportKeyingMaterial(SSLEngine engine, String label, byte[] context, int length) throws SSLException {
        return real.exportKeyingMaterial(((Recorded) engine).inner(), label, context, length);
    }

    @Override
    public boolean canExportKeyingMaterial(SSLEngine engine) {
        return real.canExportKeyingMaterial(((Recorded) engine).inner());
    }

    /** An engine that remembers whether each direction was closed. */
    static final class Recorded extends ForwardingSSLEngine {
        private volatile boolean inboundClosed;
        private volatile boolean outboundClosed;

        Recorded(SSLEngine engine) {
            super(engine, new EngineRecord());
        }

        SSLEngine inner() {
            return engine;
        }

        boolean closedBothWays() {
            return inboundClosed && outboundClosed;
        }

        @Override
        public void closeInbound() throws SSLException {
            inboundClosed = true;
            super.closeInbound();
        }

        @Override
        public void closeOutbound() {
            outboundClosed = true;
            super.closeOutbound();
        }

        @Override
        protected SSLException explain(SSLException failure) {
            return failure;
        }
    }

    @Override
    public Set<String> supportedCipherSuites() {
        return real.supportedCipherSuites();
    }

    @Override
    public Set<String> supportedNamedGroups() {
        return real.supportedNamedGroups();
    }

    @Override
    public boolean restrictsTls13CipherSuites() {
        return real.restrictsTls13CipherSuites();
    }
}

package dev.culvert.vpn.server;

import dev.culvert.spi.tls.TlsProvider;
import dev.culvert.spi.tls.TlsSettings;
import java.security.GeneralSecurityException;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;

/** A TLS module that cannot make a single engine, for the warm-ups that must shrug it off. */
final class EnginelessTls implements TlsProvider {
    @Override
    public String name() {
        return "engineless";
    }

    @Override
    public SSLEngine newEngine(TlsSettings settings) throws GeneralSecurityException {
        throw new GeneralSecurityException("no engines here");
    }

    @Override
    public byte[] exportKeyingMaterial(SSLEngine engine, String label, byte[] context, int length) throws SSLException {
        throw new SSLException("no engines here");
    }
}

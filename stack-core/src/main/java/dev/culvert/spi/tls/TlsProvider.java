package dev.culvert.spi.tls;

import java.security.GeneralSecurityException;
import java.util.Set;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;

/**
 * A TLS implementation for control channels.
 *
 * <p>What an implementation must guarantee: it passes its JCA/JSSE {@link java.security.Provider}
 * to the APIs explicitly and never registers it globally (a global registration from a bundle
 * leaks that bundle's class loader); an engine it made keeps working after the provider is
 * replaced in the slot, so handshakes in flight finish on the provider that began them.
 *
 * <p>A peer refused for its certificate (wrong CA, outside its validity dates, missing the usage
 * {@link TlsSettings#requiredPeerUsage()} asks for) fails the handshake with an
 * {@link javax.net.ssl.SSLHandshakeException} whose message an operator can act on, e.g.
 * "server certificate CN=vpn has no TLS Web Server Authentication EKU (remote-cert-tls server)".
 */
public interface TlsProvider {
    /** {@code bc}, {@code conscrypt}. */
    String name();

    /** A fresh engine in client or server mode, configured from {@code settings}. */
    SSLEngine newEngine(TlsSettings settings) throws GeneralSecurityException;

    /**
     * The RFC 5705 / RFC 8446 §7.5 keying-material exporter of a finished handshake on an engine
     * this provider made. A {@code null} context means no context, which differs from an empty one.
     *
     * @throws SSLException if the engine's handshake has not finished, or the engine is not one of
     *         this provider's (an {@link java.io.IOException}, as both backends' exporters throw)
     */
    byte[] exportKeyingMaterial(SSLEngine engine, String label, byte[] context, int length) throws SSLException;

    /**
     * Whether {@link #exportKeyingMaterial} works on this engine's finished handshake. An OpenVPN
     * peer asks before announcing {@code tls-ekm} (IV_PROTO bit 3) in its key-method-2 message,
     * which it sends after the handshake, and uses the TLS-PRF derivation otherwise. A provider
     * may export only from some TLS versions (bc: TLS 1.3 only).
     */
    default boolean canExportKeyingMaterial(SSLEngine engine) {
        return true;
    }

    /**
     * The cipher suites (JSSE/IANA names) this module can offer, TLS 1.2 and 1.3 alike, for
     * checking a configuration's {@link TlsAlgorithms} before any engine is made. Empty when the
     * module cannot say, and then nothing is checked beforehand.
     */
    default Set<String> supportedCipherSuites() {
        return Set.of();
    }

    /** The key-exchange groups ({@link javax.net.ssl.SSLParameters#setNamedGroups} names) this module can offer; empty when it cannot say. */
    default Set<String> supportedNamedGroups() {
        return Set.of();
    }

    /**
     * Whether this module offers only the TLS 1.3 suites it is given. A module that always offers
     * all of its own (BoringSSL's) says false, and a configuration restricting them is refused.
     */
    default boolean restrictsTls13CipherSuites() {
        return true;
    }

    /**
     * The file descriptors each engine holds for as long as it lives, so that a server can tell
     * whether its descriptor limit covers {@code max-clients} sessions. Most modules hold none.
     */
    default int descriptorsPerEngine() {
        return 0;
    }
}

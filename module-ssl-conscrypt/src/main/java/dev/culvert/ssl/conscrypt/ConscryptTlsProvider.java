package dev.culvert.ssl.conscrypt;

import dev.culvert.core.slot.Ranked;
import dev.culvert.core.tlscheck.EngineAlgorithms;
import dev.culvert.core.tlscheck.ExplainingTrustManager;
import dev.culvert.core.tlscheck.InMemoryKeyManagers;
import dev.culvert.core.tlscheck.PkixTrustManagers;
import dev.culvert.core.tlscheck.SharedContexts;
import dev.culvert.spi.tls.TlsProvider;
import dev.culvert.spi.tls.TlsSettings;
import java.security.GeneralSecurityException;
import java.security.NoSuchProviderException;
import java.security.Provider;
import java.security.Security;
import java.time.Clock;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import org.conscrypt.Conscrypt;
import org.osgi.service.component.annotations.Component;

/**
 * TLS on Conscrypt (BoringSSL). Engines come from an SSLContext of this object's Conscrypt
 * provider instance, built from the settings: the chain and key, the trust anchors behind the
 * kernel's {@link ExplainingTrustManager} (dates, issuing CA, {@code remote-cert-tls}, then the
 * JDK's PKIX validation), the role, client authentication and the TLS versions. The engine handed
 * out is an {@link ExplainingEngine}, so failures read as sentences rather than BoringSSL error
 * codes.
 *
 * <p>Engines of equal settings share one context ({@link SharedContexts}), as bc's do: making a
 * context per engine (its native contexts, its parameters, a trust manager) cost each handshake of
 * a storm about a quarter of a millisecond of CPU (BENCHMARKS.md). A shared context's session cache
 * could let a TLS 1.2 client resume an earlier session and skip the certificate checks; the engine
 * invalidates its session as its handshake finishes ({@link dev.culvert.core.tlscheck.ForwardingSSLEngine}),
 * so nothing resumes, as in OpenVPN.
 *
 * <p>The exporter is BoringSSL's ({@link Conscrypt#exportKeyingMaterial}), which works for TLS 1.2
 * (RFC 5705) and TLS 1.3 (RFC 8446 §7.5) alike, so a peer on this provider can always announce
 * {@code tls-ekm}.
 *
 * <p>Ranked above bc's TLS provider, so it is the default wherever its native library loads: a
 * node that never makes BouncyCastle's providers is about 14 MiB smaller, and its connects are
 * quicker (BENCHMARKS.md, footprint), and a warm server handshake with an RSA-4096 key costs it
 * half of bc's CPU (BENCHMARKS.md, each TLS module's server handshake). bc remains the fallback
 * where the native library does not load, and an operator selects it with
 * {@code culvert:swap tls bc}. An engine keeps its context, so a handshake in flight finishes on
 * this provider after it has left the slot. Disabled until {@link ConscryptActivation} has seen
 * the native library load.
 */
@Component(service = TlsProvider.class, enabled = false,
        property = {"culvert.name=conscrypt", "service.ranking:Integer=" + ConscryptTlsProvider.RANKING})
public final class ConscryptTlsProvider implements TlsProvider, Ranked {
    /** Above bc's (10): the default TLS provider where BoringSSL loads. */
    static final int RANKING = 20;

    /** The JDK's own JSSE, asked for by name for its PKIX trust manager (Conscrypt's offers no CertPath parameters). */
    private static final String JDK_JSSE = "SunJSSE";

    private final Provider conscrypt;
    private final Clock clock;
    private final SharedContexts<SSLContext> contexts = new SharedContexts<>(this::newContext);

    /** @throws IllegalStateException naming the cause and the fix if Conscrypt's native library did not load */
    public ConscryptTlsProvider() {
        this(ConscryptNatives.newProvider(), Clock.systemUTC());
    }

    /** A provider judging certificate dates by {@code clock} (the JDK's PKIX underneath still uses the system time). */
    ConscryptTlsProvider(Provider conscrypt, Clock clock) {
        this.conscrypt = conscrypt;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "conscrypt";
    }

    @Override
    public int ranking() {
        return RANKING;
    }

    @Override
    public SSLEngine newEngine(TlsSettings settings) throws GeneralSecurityException {
        SSLEngine engine = contextFor(settings).createSSLEngine();
        engine.setUseClientMode(settings.client());
        settings.applyPeerCertificateRequest(engine);
        engine.setEnabledProtocols(settings.enabledProtocols().toArray(new String[0]));
        EngineAlgorithms.apply(engine, settings.algorithms());
        return new ExplainingEngine(engine, settings.enabledProtocols());
    }

    /** The context engines of {@code settings} come from: made once per equal settings, then kept. */
    SSLContext contextFor(TlsSettings settings) throws GeneralSecurityException {
        return contexts.forSettings(settings);
    }

    private SSLContext newContext(TlsSettings settings) throws GeneralSecurityException {
        Provider jdkJsse = Security.getProvider(JDK_JSSE);
        if (jdkJsse == null) {
            throw new NoSuchProviderException("the JDK's " + JDK_JSSE + " provider is missing; the conscrypt TLS provider uses its PKIX trust manager");
        }
        ExplainingTrustManager trust = new ExplainingTrustManager(
                new GenericAuthTypeAdapter(PkixTrustManagers.forAnchors(settings.trustAnchors(), jdkJsse)),
                settings.trustAnchors(), settings.requiredPeerUsage(), clock);
        SSLContext context = SSLContext.getInstance("TLS", conscrypt);
        context.init(InMemoryKeyManagers.of(settings.certificateChain(), settings.privateKey(), conscrypt, "PKIX"), new TrustManager[] {trust}, null);
        // Nothing is resumed (an engine invalidates its session once its handshake is done), so the
        // shared caches need hold no more than the one entry they cannot be told to do without.
        context.getServerSessionContext().setSessionCacheSize(1);
        context.getClientSessionContext().setSessionCacheSize(1);
        return context;
    }

    /** Conscrypt's native {@code SSL_new} makes a pipe for every SSL (its socket engine's wake-up), closed when the engine is freed. */
    @Override
    public int descriptorsPerEngine() {
        return 2;
    }

    @Override
    public Set<String> supportedCipherSuites() {
        try {
            SSLContext context = SSLContext.getInstance("TLS", conscrypt);
            context.init(null, null, null);
            return Set.of(context.createSSLEngine().getSupportedCipherSuites());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Conscrypt cannot make a TLS context: " + e.getMessage(), e);
        }
    }

    /** The groups Conscrypt 2.9.0 passes to BoringSSL (NativeSsl.toBoringSslGroup), by their JSSE names. */
    @Override
    public Set<String> supportedNamedGroups() {
        return Set.of("x25519", "secp256r1", "secp384r1", "secp521r1", "X25519MLKEM768", "MLKEM1024");
    }

    /** BoringSSL offers all its TLS 1.3 suites whatever it is told. */
    @Override
    public boolean restrictsTls13CipherSuites() {
        return false;
    }

    @Override
    public boolean canExportKeyingMaterial(SSLEngine engine) {
        return engine instanceof ExplainingEngine ours && ours.handshakeFinished();
    }

    @Override
    public byte[] exportKeyingMaterial(SSLEngine engine, String label, byte[] context, int length) throws SSLException {
        if (!(engine instanceof ExplainingEngine ours)) {
            throw new SSLException("the conscrypt TLS provider cannot export keying material from " + engine.getClass().getName()
                    + ": only from engines it made");
        }
        if (length <= 0) {
            throw new IllegalArgumentException("keying material length must be positive, not " + length);
        }
        if (!ours.handshakeFinished()) {
            throw new SSLException("keying material can only be exported once the TLS handshake has finished");
        }
        byte[] keys = Conscrypt.exportKeyingMaterial(ours.conscryptEngine(), label, context, length);
        if (keys == null || keys.length != length) {
            throw new SSLException("Conscrypt exported " + (keys == null ? "nothing" : keys.length + " bytes") + " for " + length);
        }
        return keys;
    }

    @Override
    public String toString() {
        return "conscrypt TLS (" + conscrypt.getName() + " " + conscrypt.getVersionStr() + ")";
    }
}

package dev.culvert.ssl.bc;

import dev.culvert.core.slot.Ranked;
import dev.culvert.core.tlscheck.EngineAlgorithms;
import dev.culvert.core.tlscheck.ExplainingTrustManager;
import dev.culvert.core.tlscheck.InMemoryKeyManagers;
import dev.culvert.core.tlscheck.RefusingTrustManager;
import dev.culvert.core.tlscheck.SharedContexts;
import dev.culvert.spi.tls.TlsProvider;
import dev.culvert.spi.tls.TlsSettings;
import java.security.GeneralSecurityException;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.net.ssl.CertPathTrustManagerParameters;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLKeyException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import org.osgi.service.component.annotations.Component;

/**
 * TLS on BouncyCastle's JSSE (bctls 1.84). Engines made from equal settings share one SSLContext
 * ({@link SharedContexts}), built from the chain and key and the trust anchors behind
 * {@link ExplainingTrustManager}; the role, client authentication and the TLS versions are set on
 * each engine. The engine handed out is an {@link ExplainingSSLEngine}, so failures read as
 * sentences rather than alert names; what its handshake learns (the refusal, the exporter secret)
 * is kept in its own {@link ExporterSecretHolder}, never in the shared context.
 *
 * <p>Why shared: a context of its own per engine made BouncyCastle's per-context tables (named
 * groups with their curve parameters, signature schemes, a JSSE provider's service table) again
 * for each TLS session, 68 KiB of heap per connected client and CPU in every handshake. Sharing
 * would let a client resume a TLS 1.2 session from the shared cache and skip the certificate
 * checks; each engine's session is invalidated as its handshake finishes, so nothing resumes.
 *
 * <p>The BouncyCastle providers are this object's own instances, passed to every JCA call; nothing
 * is registered globally. An engine keeps its context and so its providers, which is what lets a
 * handshake in flight finish after this provider has left the slot. They are made on the first
 * engine ({@link BcProviders}), not when the component activates.
 */
@Component(service = TlsProvider.class, property = {"culvert.name=bc", "service.ranking:Integer=" + BcTlsProvider.RANKING})
public final class BcTlsProvider implements TlsProvider, Ranked {
    /** Below Conscrypt's (20), which is faster and smaller where its native library loads: bc is the pure-Java fallback. */
    static final int RANKING = 10;

    private final BcProviders providers = new BcProviders();
    private final Clock clock;
    private final SharedContexts<SSLContext> contexts = new SharedContexts<>(this::newContext);

    public BcTlsProvider() {
        this(Clock.systemUTC());
    }

    /** A provider judging certificate dates by {@code clock} (the JDK's own checks inside PKIX still use the system time). */
    BcTlsProvider(Clock clock) {
        this.clock = clock;
    }

    /** Whether BouncyCastle's providers have been made yet. */
    boolean providersMade() {
        return providers.made();
    }

    @Override
    public String name() {
        return "bc";
    }

    @Override
    public int ranking() {
        return RANKING;
    }

    @Override
    public SSLEngine newEngine(TlsSettings settings) throws GeneralSecurityException {
        SSLEngine engine = contexts.forSettings(settings).createSSLEngine();
        engine.setUseClientMode(settings.client());
        settings.applyPeerCertificateRequest(engine);
        engine.setEnabledProtocols(settings.enabledProtocols().toArray(new String[0]));
        EngineAlgorithms.apply(engine, settings.algorithms());
        return new ExplainingSSLEngine(engine, new ExporterSecretHolder(), settings.enabledProtocols());
    }

    private SSLContext newContext(TlsSettings settings) throws GeneralSecurityException {
        ExplainingTrustManager trust = new ExplainingTrustManager(pkix(settings), settings.trustAnchors(), settings.requiredPeerUsage(), clock);
        SSLContext context = SSLContext.getInstance("TLS", providers.jsse());
        context.init(InMemoryKeyManagers.of(settings.certificateChain(), settings.privateKey(), providers.jsse(), "X.509"), new TrustManager[] {trust}, null);
        return context;
    }

    /** BCJSSE's suites, asked of a bare engine (this makes BouncyCastle's providers). */
    @Override
    public Set<String> supportedCipherSuites() {
        try {
            SSLContext context = SSLContext.getInstance("TLS", providers.jsse());
            context.init(null, null, null);
            return Set.of(context.createSSLEngine().getSupportedCipherSuites());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("BCJSSE cannot make a TLS context: " + e.getMessage(), e);
        }
    }

    /** The groups of bctls 1.84's NamedGroup that OpenVPN peers use (its post-quantum hybrids are left out: 2.6 has no names for them). */
    @Override
    public Set<String> supportedNamedGroups() {
        return Set.copyOf(NAMED_GROUPS);
    }

    private static final List<String> NAMED_GROUPS = List.of("x25519", "x448", "secp256r1", "secp384r1", "secp521r1",
            "ffdhe2048", "ffdhe3072", "ffdhe4096", "ffdhe6144", "ffdhe8192");

    /** BCJSSE's PKIX trust manager over exactly the configured anchors, without revocation checks (OpenVPN's are {@code crl-verify}'s). */
    private X509ExtendedTrustManager pkix(TlsSettings settings) throws GeneralSecurityException {
        if (settings.trustAnchors().isEmpty()) {
            // A server that does not ask for client certificates: nothing is ever checked.
            return new RefusingTrustManager();
        }
        Set<TrustAnchor> anchors = new HashSet<>();
        for (X509Certificate anchor : settings.trustAnchors()) {
            anchors.add(new TrustAnchor(anchor, null));
        }
        PKIXBuilderParameters parameters = new PKIXBuilderParameters(anchors, null);
        parameters.setRevocationEnabled(false);
        TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX", providers.jsse());
        factory.init(new CertPathTrustManagerParameters(parameters));
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509ExtendedTrustManager x509) {
                return x509;
            }
        }
        throw new GeneralSecurityException("BCJSSE made no X509ExtendedTrustManager");
    }

    @Override
    public boolean canExportKeyingMaterial(SSLEngine engine) {
        return engine instanceof ExplainingSSLEngine ours && ours.bcEngine().getConnection() != null && ours.exporterSecret().has();
    }

    /**
     * The TLS 1.3 exporter, computed from the secret captured during the handshake (see
     * {@link ExporterSecretHolder} for why). TLS 1.2 sessions cannot export with bctls 1.84: the
     * master secret is gone once the handshake completes; {@link #canExportKeyingMaterial} says so
     * beforehand.
     */
    @Override
    public byte[] exportKeyingMaterial(SSLEngine engine, String label, byte[] context, int length) throws SSLException {
        if (!(engine instanceof ExplainingSSLEngine ours)) {
            throw new SSLException("the bc TLS provider cannot export keying material from " + engine.getClass().getName()
                    + ": only from engines it made");
        }
        if (length <= 0) {
            throw new IllegalArgumentException("keying material length must be positive, not " + length);
        }
        if (ours.exporterSecret().wiped()) {
            throw new SSLKeyException("this TLS session was closed and its exporter secret wiped: keying material is exported"
                    + " right after the handshake, before the session ends");
        }
        if (ours.bcEngine().getConnection() == null || engine.getHandshakeStatus() != SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING) {
            throw new SSLException("keying material can only be exported once the TLS handshake has finished");
        }
        if (!ours.exporterSecret().has()) {
            throw new SSLKeyException("the bc TLS provider exports keying material from TLS 1.3 sessions only (bctls 1.84 wipes the "
                    + "TLS 1.2 master secret when the handshake ends); this session is " + engine.getSession().getProtocol()
                    + ": derive OpenVPN's keys with the PRF (do not announce tls-ekm), or use the conscrypt TLS provider");
        }
        try {
            return ours.exporterSecret().export(label, context, length);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            SSLKeyException failure = new SSLKeyException("exporting keying material failed: " + e.getMessage());
            failure.initCause(e);
            throw failure;
        }
    }
}

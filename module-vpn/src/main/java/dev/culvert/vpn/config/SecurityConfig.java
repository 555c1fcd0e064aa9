package dev.culvert.vpn.config;

import dev.culvert.core.config.Config;
import dev.culvert.spi.aead.AeadProvider;
import dev.culvert.spi.config.ConfigException;
import dev.culvert.spi.config.Directive;
import dev.culvert.spi.tls.RequiredPeerUsage;
import dev.culvert.spi.tls.TlsProvider;
import dev.culvert.spi.tls.TlsSettings;
import dev.culvert.vpn.control.KeyDirection;
import dev.culvert.vpn.control.NoWrap;
import dev.culvert.vpn.control.StaticKey;
import dev.culvert.vpn.control.StaticKeyException;
import dev.culvert.vpn.control.TlsAuth;
import dev.culvert.vpn.control.TlsCrypt;
import dev.culvert.vpn.keys.DataCipher;
import dev.culvert.vpn.keys.HmacDigest;
import dev.culvert.vpn.keys.OccOptionsString;
import dev.culvert.vpn.keys.Role;
import dev.culvert.vpn.pem.PemCertificates;
import dev.culvert.vpn.pem.PemException;
import dev.culvert.vpn.pem.PemPrivateKeys;
import dev.culvert.vpn.push.DataCiphers;
import dev.culvert.vpn.replay.ReplayCounter;
import dev.culvert.vpn.replay.ReplayWindowSize;
import dev.culvert.vpn.session.CommonSettings;
import dev.culvert.vpn.session.ControlWrapFactory;
import dev.culvert.vpn.session.ControlWrapping;
import dev.culvert.vpn.session.DataSettings;
import dev.culvert.vpn.session.DropCounts;
import dev.culvert.vpn.session.PeerCertificatePolicy;
import dev.culvert.vpn.session.PeerCertificateVerifier;
import dev.culvert.vpn.session.SessionTimers;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The part of an OpenVPN configuration a client and a server read the same way: the PKI
 * ({@code ca}, {@code cert}, {@code key}), the control-channel wrapping ({@code tls-crypt},
 * {@code tls-auth} with {@code key-direction} and {@code auth}) and its static key,
 * {@code remote-cert-tls}, {@code data-ciphers}, {@code tls-version-min}, the key-negotiation
 * timers ({@code reneg-sec}, {@code hand-window}, {@code tls-timeout}) and the peer-certificate
 * policy ({@link PeerPolicyConfig}). Files are read relative to
 * the directory of the configuration file that names them; inline blocks are read in place.
 * Immutable; the private and static keys it holds live as long as it does.
 */
final class SecurityConfig {
    private final Role role;
    private final List<X509Certificate> ca;
    private final List<X509Certificate> certificateChain;
    private final PrivateKey privateKey;
    private final ClientConfig.Wrapping wrapping;
    private final StaticKey staticKey;
    private final KeyDirection tlsAuthDirection;
    private final HmacDigest auth;
    private final RequiredPeerUsage remoteCertTls;
    private final DataCipherConfig dataChannel;
    private final String tlsVersionMin;
    private final String tlsVersionMax;
    private final TlsAlgorithmsConfig tlsAlgorithms;
    private final int renegSeconds;
    /** reneg-bytes; 0 for none. */
    private final long renegBytes;
    private final int handWindowSeconds;
    private final int tlsTimeoutSeconds;
    private final PeerCertificatePolicy peerPolicy;
    /** {@code tls-verify} ({@link CertificateScripts}), asked after the policy. */
    private PeerCertificateVerifier peerVerifier = PeerCertificateVerifier.NONE;
    /** The peers every session of this configuration refused for their certificates. */
    private final DropCounts certificateRefusals = new DropCounts();
    /** tls-crypt-v2's keys, when that is the wrapping. */
    private TlsCryptV2Config tlsCryptV2;
    /** {@code replay-window}: every receive window's size. */
    private ReplayWindowSize replayWindow = ReplayWindowSize.DEFAULT;
    /** {@code verify-client-cert}: what a server asks of its clients' certificates. */
    private VerifyClientCert clientCertificate = VerifyClientCert.REQUIRE;
    /**
     * The TLS settings, one instance for this configuration's life: the TLS modules keep one
     * context per settings, weakly keyed by the instance first given them, and a copy made per
     * call let the context go at the next collection, to be made again by the next client's
     * handshake (the server's TLS flight to that client took 10-13 ms instead of 3-5 on a 2-core
     * machine; BENCHMARKS.md, "The connect, phase by phase").
     */
    private volatile TlsSettings tlsSettings;

    private SecurityConfig(Role role, List<X509Certificate> ca, List<X509Certificate> chain, PrivateKey key,
                           ClientConfig.Wrapping wrapping, StaticKey staticKey, KeyDirection direction, HmacDigest auth,
                           RequiredPeerUsage remoteCertTls, DataCipherConfig dataChannel, String tlsVersionMin,
                           String tlsVersionMax, TlsAlgorithmsConfig tlsAlgorithms, int reneg, long renegBytes, int handWindow, int tlsTimeout, PeerCertificatePolicy peerPolicy) {
        this.role = role;
        this.ca = List.copyOf(ca);
        this.certificateChain = List.copyOf(chain);
        this.privateKey = key;
        this.wrapping = wrapping;
        this.staticKey = staticKey;
        this.tlsAuthDirection = direction;
        this.auth = auth;
        this.remoteCertTls = remoteCertTls;
        this.dataChannel = dataChannel;
        this.tlsVersionMin = tlsVersionMin;
        this.tlsVersionMax = tlsVersionMax;
        this.tlsAlgorithms = tlsAlgorithms;
        this.renegSeconds = reneg;
        this.renegBytes = renegBytes;
        this.handWindowSeconds = handWindow;
        this.tlsTimeoutSeconds = tlsTimeout;
        this.peerPolicy = peerPolicy;
        this.tlsSettings = makeTlsSettings();
    }

    /**
     * Loads the shared part for {@code role}. A server must have {@code cert} and {@code key}
     * (TLS servers present a certificate); a client may go without. {@code remote-cert-tls} must
     * name the other side's role.
     */
    static SecurityConfig from(Config config, Role role) throws ConfigException {
        return from(config, role, false);
    }

    /** The same; a point-to-point peer ({@code peerToPeer}) falls back to its {@code cipher} as 2.6's p2p mode does. */
    static SecurityConfig from(Config config, Role role, boolean peerToPeer) throws ConfigException {
        String peer = role == Role.CLIENT ? "server's" : "clients'";
        Optional<Directive> pkcs12 = config.last("pkcs12");
        Pkcs12Bundle bundle = pkcs12.isPresent() ? Pkcs12Bundle.read(pkcs12.get()) : null;
        Optional<Directive> caLine = config.last("ca");
        Optional<Directive> caPath = config.last("capath");
        if (caLine.isEmpty() && caPath.isEmpty() && (bundle == null || bundle.authorities().isEmpty())) {
            throw new ConfigException("<config>", "no 'ca' directive", "add ca: the CA certificate that issued the " + peer + " certificates");
        }
        // As in 2.6, 'ca' wins over the CA certificates of a pkcs12 file.
        List<X509Certificate> ca = new java.util.ArrayList<>(caLine.isPresent() ? certificates(caLine.get())
                : caPath.isPresent() ? List.of() : bundle.authorities());
        if (caPath.isPresent()) {
            ca.addAll(CaPath.read(caPath.get()));
        }
        Optional<Directive> cert = config.last("cert");
        Optional<Directive> key = config.last("key");
        if (bundle != null && (cert.isPresent() || key.isPresent())) {
            throw new ConfigException(cert.orElseGet(key::get), "'pkcs12' already gives the certificate and key",
                    "keep either 'pkcs12' or 'cert' and 'key'");
        }
        if (cert.isPresent() != key.isPresent()) {
            Directive d = cert.orElseGet(key::get);
            throw new ConfigException(d, "'cert' and 'key' go together", "give both the certificate and its private key");
        }
        if (role == Role.SERVER && cert.isEmpty() && bundle == null) {
            throw new ConfigException("<config>", "a server needs 'cert' and 'key'", "add 'cert server.crt' and 'key server.key'");
        }
        List<X509Certificate> chain = List.of();
        PrivateKey privateKey = null;
        if (cert.isPresent()) {
            chain = certificates(cert.get());
            privateKey = privateKey(key.get());
        } else if (bundle != null) {
            chain = bundle.chain();
            privateKey = bundle.key();
        }
        Optional<Directive> extraCerts = config.last("extra-certs");
        if (extraCerts.isPresent()) {
            if (chain.isEmpty()) {
                throw new ConfigException(extraCerts.get(), "'extra-certs' adds intermediate certificates to the chain of 'cert',"
                        + " and there is no 'cert'", "add 'cert' and 'key', or remove the line");
            }
            // Sent after the node's own certificate, as 2.6 sends them: the intermediates a peer needs to reach its CA.
            chain = java.util.stream.Stream.concat(chain.stream(), certificates(extraCerts.get()).stream()).toList();
        }
        ClientConfig.Wrapping wrapping = ClientConfig.Wrapping.NONE;
        StaticKey staticKey = null;
        KeyDirection direction = KeyDirection.BIDIRECTIONAL;
        Optional<Directive> tlsCrypt = config.last("tls-crypt");
        Optional<Directive> tlsAuth = config.last("tls-auth");
        Optional<Directive> tlsCryptV2 = config.last(TlsCryptV2Config.NAME);
        if (tlsCrypt.isPresent() && tlsAuth.isPresent()) {
            throw new ConfigException(tlsAuth.get(), "tls-auth and tls-crypt exclude each other",
                    "keep the one " + (role == Role.CLIENT ? "the server uses" : "the clients use"));
        }
        if (tlsCryptV2.isPresent() && (tlsCrypt.isPresent() || tlsAuth.isPresent())) {
            throw new ConfigException(tlsCryptV2.get(), "tls-crypt-v2 excludes " + (tlsCrypt.isPresent() ? "tls-crypt" : "tls-auth"),
                    "keep the one " + (role == Role.CLIENT ? "the server uses" : "the clients use"));
        }
        TlsCryptV2Config v2 = null;
        if (tlsCryptV2.isPresent()) {
            wrapping = ClientConfig.Wrapping.TLS_CRYPT_V2;
            v2 = TlsCryptV2Config.from(tlsCryptV2.get(), role);
        } else if (tlsCrypt.isPresent()) {
            wrapping = ClientConfig.Wrapping.TLS_CRYPT;
            staticKey = staticKey(tlsCrypt.get());
        } else if (tlsAuth.isPresent()) {
            // No direction anywhere means both directions use the same halves, as in 2.6: it is
            // not "0" on a server, so a server without one only talks to clients without one.
            Directive d = tlsAuth.get();
            wrapping = ClientConfig.Wrapping.TLS_AUTH;
            staticKey = staticKey(d);
            Optional<Directive> kd = config.last("key-direction");
            if (!d.inline() && d.args().size() == 2) {
                direction = VpnDirectives.direction(d, d.args().get(1)) == 0 ? KeyDirection.NORMAL : KeyDirection.INVERSE;
            } else if (kd.isPresent()) {
                direction = VpnDirectives.direction(kd.get(), kd.get().args().get(0)) == 0 ? KeyDirection.NORMAL : KeyDirection.INVERSE;
            }
        }
        HmacDigest auth = HmacDigest.SHA1;
        Optional<Directive> authLine = config.last("auth");
        if (authLine.isPresent()) {
            auth = HmacDigest.valueOf(authLine.get().args().get(0).toUpperCase(Locale.ROOT));
        }
        RequiredPeerUsage remoteCertTls = RequiredPeerUsage.ANY;
        Optional<Directive> rct = config.last("remote-cert-tls");
        if (rct.isPresent()) {
            boolean server = rct.get().args().get(0).equals("server");
            if (role == Role.SERVER && server) {
                throw new ConfigException(rct.get(), "'remote-cert-tls server' on a server would demand that clients present server certificates",
                        "write 'remote-cert-tls client'");
            }
            remoteCertTls = server ? RequiredPeerUsage.TLS_SERVER : RequiredPeerUsage.TLS_CLIENT;
        }
        DataCipherConfig dataChannel = DataCipherConfig.from(config, auth, peerToPeer);
        String tlsVersionMin = "TLSv1.2";
        Optional<Directive> tlsMin = config.last("tls-version-min");
        if (tlsMin.isPresent()) {
            tlsVersionMin = VpnDirectives.tlsVersionMin(tlsMin.get(), true);
        }
        String tlsVersionMax = TlsSettings.DEFAULT_MAXIMUM_VERSION;
        Optional<Directive> tlsMax = config.last("tls-version-max");
        if (tlsMax.isPresent()) {
            tlsVersionMax = VpnDirectives.tlsVersion(tlsMax.get(), tlsMax.get().args().get(0));
            if (tlsVersionMin.equals("TLSv1.3") && tlsVersionMax.equals("TLSv1.2")) {
                throw new ConfigException(tlsMax.get(), "tls-version-max 1.2 is below tls-version-min 1.3",
                        "raise tls-version-max to 1.3, or lower tls-version-min to 1.2");
            }
        }
        TlsAlgorithmsConfig tlsAlgorithms = TlsAlgorithmsConfig.from(config);
        Optional<Directive> renegBytes = config.last("reneg-bytes");
        long bytes = renegBytes.isPresent()
                ? VpnDirectives.number(renegBytes.get(), renegBytes.get().arg(0, "reneg-bytes N"), "number of bytes") : 0;
        return new SecurityConfig(role, ca, chain, privateKey, wrapping, staticKey, direction, auth, remoteCertTls, dataChannel,
                tlsVersionMin, tlsVersionMax, tlsAlgorithms, seconds(config, "reneg-sec", SessionTimers.DEFAULT_RENEG_SECONDS), bytes,
                seconds(config, "hand-window", SessionTimers.DEFAULT_HAND_WINDOW_SECONDS),
                seconds(config, "tls-timeout", SessionTimers.DEFAULT_TLS_TIMEOUT_SECONDS), PeerPolicyConfig.from(config, ca))
                .withTlsCryptV2(v2).withReplayWindow(ReplayWindowLine.from(config))
                .withPeerVerifier(CertificateScripts.from(config, ca, seconds(config, "hand-window", SessionTimers.DEFAULT_HAND_WINDOW_SECONDS)));
    }

    private SecurityConfig withPeerVerifier(PeerCertificateVerifier verifier) {
        this.peerVerifier = verifier;
        return this;
    }

    private SecurityConfig withTlsCryptV2(TlsCryptV2Config v2) {
        this.tlsCryptV2 = v2;
        return this;
    }

    /** A server's {@code verify-client-cert}. */
    SecurityConfig withClientCertificate(VerifyClientCert mode) {
        this.clientCertificate = mode;
        this.tlsSettings = makeTlsSettings();
        return this;
    }

    VerifyClientCert clientCertificate() {
        return clientCertificate;
    }

    private SecurityConfig withReplayWindow(ReplayWindowSize size) {
        this.replayWindow = size;
        return this;
    }

    /**
     * The TLS settings for this role. A server demands a client certificate, asks for one or not,
     * as {@code verify-client-cert} says (2.6's default: require). The same instance on every call.
     */
    TlsSettings tlsSettings() {
        return tlsSettings;
    }

    private TlsSettings makeTlsSettings() {
        boolean client = role == Role.CLIENT;
        return new TlsSettings(client, ca, certificateChain, privateKey, tlsVersionMin, tlsVersionMax,
                !client && clientCertificate == VerifyClientCert.REQUIRE, remoteCertTls, tlsAlgorithms.algorithms(),
                !client && clientCertificate != VerifyClientCert.NONE);
    }

    /**
     * Refuses, at its line, a cipher suite or group the TLS module {@code tls} lacks, as start does
     * before any handshake; {@code --check} asks the module active then.
     */
    void checkTlsModule(TlsProvider tls) throws ConfigException {
        tlsAlgorithms.checkAgainst(tls);
    }

    /** The control-channel wrapping for this role, a fresh replay counter and window per session. */
    ControlWrapFactory wrapFactory() {
        if (wrapping == ClientConfig.Wrapping.TLS_CRYPT_V2) {
            return tlsCryptV2.wrapFactory(replayWindow);
        }
        return staticKeyWrapFactory(role, tlsAuthDirection);
    }

    /**
     * The wrapping of this role's peer, for a session this node holds with itself in memory: the
     * same static key, with tls-crypt's other direction and tls-auth's other {@code key-direction}.
     * Empty with tls-crypt-v2, whose client keys are each client's own and not in this configuration.
     */
    Optional<ControlWrapping> peerWrapping() {
        if (wrapping == ClientConfig.Wrapping.TLS_CRYPT_V2) {
            return Optional.empty();
        }
        Role peer = role == Role.CLIENT ? Role.SERVER : Role.CLIENT;
        KeyDirection peerDirection = switch (tlsAuthDirection) {
            case BIDIRECTIONAL -> KeyDirection.BIDIRECTIONAL;
            case NORMAL -> KeyDirection.INVERSE;
            case INVERSE -> KeyDirection.NORMAL;
        };
        return Optional.of(ControlWrapping.of(staticKeyWrapFactory(peer, peerDirection), wrapping == ClientConfig.Wrapping.TLS_AUTH));
    }

    private ControlWrapFactory staticKeyWrapFactory(Role side, KeyDirection tlsAuthSide) {
        StaticKey key = staticKey;
        HmacDigest digest = auth;
        ReplayWindowSize replay = replayWindow;
        KeyDirection crypt = side == Role.CLIENT ? KeyDirection.INVERSE : KeyDirection.NORMAL;
        return switch (wrapping) {
            case NONE -> epoch -> new NoWrap();
            case TLS_CRYPT -> epoch -> new TlsCrypt(key, crypt, new ReplayCounter(epoch), replay.newWindow());
            case TLS_AUTH -> epoch -> new TlsAuth(key, tlsAuthSide, digest, new ReplayCounter(epoch), replay.newWindow());
            case TLS_CRYPT_V2 -> throw new IllegalStateException("tls-crypt-v2 has no static key shared by both sides");
        };
    }

    /** What a session in either role takes from this configuration; ping and ping-restart are the role's to add. */
    CommonSettings sessionCommon(TlsProvider tls, AeadProvider aead, OccOptionsString.Transport transport, SecureRandom random) {
        SessionTimers timers = SessionTimers.defaults().withReneg(renegSeconds).withRenegBytes(renegBytes).withHandWindow(handWindowSeconds)
                .withTlsTimeout(tlsTimeoutSeconds);
        return new CommonSettings(tls, tlsSettings(), ControlWrapping.of(wrapFactory(), wrapping == ClientConfig.Wrapping.TLS_AUTH),
                transport, dataChannel.settings(DataSettings.of(dataChannel.dataCiphers(), aead)), timers, random).withPeerPolicy(peerPolicy, certificateRefusals)
                .withReplayWindow(replayWindow).withPeerVerifier(peerVerifier);
    }

    /** The peers refused for their certificates so far, by reason, across every session of this configuration. */
    DropCounts certificateRefusals() {
        return certificateRefusals;
    }

    /** This node's own certificate first, then the intermediates it sends. */
    List<X509Certificate> certificateChain() {
        return certificateChain;
    }

    List<X509Certificate> ca() {
        return ca;
    }

    ClientConfig.Wrapping wrapping() {
        return wrapping;
    }

    KeyDirection tlsAuthDirection() {
        return tlsAuthDirection;
    }

    RequiredPeerUsage remoteCertTls() {
        return remoteCertTls;
    }

    List<DataCipher> dataCiphers() {
        return dataChannel.dataCiphers();
    }

    DataCipherConfig dataChannel() {
        return dataChannel;
    }

    int renegSeconds() {
        return renegSeconds;
    }

    int handWindowSeconds() {
        return handWindowSeconds;
    }

    /** How long a deferred verdict may take: hand-window, or half of reneg-sec when that is shorter (2.6's auth_deferred_expire_window). */
    int deferredAuthSeconds() {
        return renegSeconds > 0 && renegSeconds / 2 < handWindowSeconds ? renegSeconds / 2 : handWindowSeconds;
    }

    int tlsTimeoutSeconds() {
        return tlsTimeoutSeconds;
    }

    // ---- loading ------------------------------------------------------------------------------

    static int seconds(Config config, String name, int fallback) throws ConfigException {
        Optional<Directive> d = config.last(name);
        return d.isPresent() ? VpnDirectives.seconds(d.get(), d.get().args().get(0)) : fallback;
    }

    /** A file named in a directive ({@link Directive#resolve}: after {@code cd}, else beside the configuration file). */
    static Path resolve(Directive d, String file) {
        return d.resolve(file);
    }

    private static List<X509Certificate> certificates(Directive d) throws ConfigException {
        try {
            return d.inline() ? PemCertificates.read(d.args().get(0), d.where()) : PemCertificates.readFile(resolve(d, d.args().get(0)));
        } catch (PemException e) {
            throw new ConfigException(d, "'" + d.name() + "': " + e.problem(), e.fix());
        }
    }

    private static PrivateKey privateKey(Directive d) throws ConfigException {
        try {
            return d.inline() ? PemPrivateKeys.read(d.args().get(0), d.where()) : PemPrivateKeys.readFile(resolve(d, d.args().get(0)));
        } catch (PemException e) {
            throw new ConfigException(d, "'key': " + e.problem(), e.fix());
        }
    }

    private static StaticKey staticKey(Directive d) throws ConfigException {
        try {
            return d.inline() ? StaticKey.parse(d.args().get(0), d.where()) : StaticKey.read(resolve(d, d.args().get(0)));
        } catch (StaticKeyException e) {
            throw new ConfigException(d, "'" + d.name() + "': " + e.getMessage(),
                    "make the key with 'openvpn --genkey " + (d.name().equals("tls-crypt") ? "tls-crypt" : "tls-auth") + " FILE'");
        }
    }
}

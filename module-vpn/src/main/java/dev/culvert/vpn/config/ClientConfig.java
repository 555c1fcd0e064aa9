package dev.culvert.vpn.config;

import dev.culvert.core.config.Config;
import dev.culvert.core.config.ConfigException;
import dev.culvert.core.config.Directive;
import dev.culvert.core.pem.PemCertificates;
import dev.culvert.core.pem.PemException;
import dev.culvert.core.pem.PemPrivateKeys;
import dev.culvert.spi.aead.AeadAlgorithm;
import dev.culvert.spi.aead.AeadProvider;
import dev.culvert.spi.tls.RequiredPeerUsage;
import dev.culvert.spi.tls.TlsProvider;
import dev.culvert.spi.tls.TlsSettings;
import dev.culvert.vpn.control.HmacDigest;
import dev.culvert.vpn.control.KeyDirection;
import dev.culvert.vpn.control.NoWrap;
import dev.culvert.vpn.control.StaticKey;
import dev.culvert.vpn.control.StaticKeyException;
import dev.culvert.vpn.control.TlsAuth;
import dev.culvert.vpn.control.TlsCrypt;
import dev.culvert.vpn.keys.OccOptionsString;
import dev.culvert.vpn.keys.Role;
import dev.culvert.vpn.push.DataCiphers;
import dev.culvert.vpn.session.ControlWrapFactory;
import dev.culvert.vpn.session.SessionSettings;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What an OpenVPN client configuration says, loaded and checked: where to connect, the PKI, the
 * control-channel wrapping with its static key, and the timers. Immutable; the private and
 * static keys it holds live as long as it does.
 */
public final class ClientConfig {
    /** How the control channel is wrapped. */
    public enum Wrapping { NONE, TLS_AUTH, TLS_CRYPT }

    private final String remoteHost;
    private final int remotePort;
    private final OccOptionsString.Transport transport;
    private final List<X509Certificate> ca;
    private final List<X509Certificate> certificateChain;
    private final PrivateKey privateKey;
    private final Wrapping wrapping;
    private final StaticKey staticKey;
    private final KeyDirection tlsAuthDirection;
    private final HmacDigest auth;
    private final RequiredPeerUsage remoteCertTls;
    private final List<AeadAlgorithm> dataCiphers;
    private final String tlsVersionMin;
    private final int renegSeconds;
    private final int handWindowSeconds;
    private final int tlsTimeoutSeconds;
    private final int pingSeconds;
    private final int pingRestartSeconds;
    private final int explicitExitNotify;

    private ClientConfig(Builder b) {
        remoteHost = b.remoteHost;
        remotePort = b.remotePort;
        transport = b.transport;
        ca = List.copyOf(b.ca);
        certificateChain = List.copyOf(b.chain);
        privateKey = b.key;
        wrapping = b.wrapping;
        staticKey = b.staticKey;
        tlsAuthDirection = b.direction;
        auth = b.auth;
        remoteCertTls = b.remoteCertTls;
        dataCiphers = b.dataCiphers;
        tlsVersionMin = b.tlsVersionMin;
        renegSeconds = b.reneg;
        handWindowSeconds = b.handWindow;
        tlsTimeoutSeconds = b.tlsTimeout;
        pingSeconds = b.ping;
        pingRestartSeconds = b.pingRestart;
        explicitExitNotify = b.exitNotify;
    }

    private static final class Builder {
        String remoteHost;
        int remotePort = 1194;
        OccOptionsString.Transport transport = OccOptionsString.Transport.UDP;
        List<X509Certificate> ca = List.of();
        List<X509Certificate> chain = List.of();
        PrivateKey key;
        Wrapping wrapping = Wrapping.NONE;
        StaticKey staticKey;
        KeyDirection direction = KeyDirection.BIDIRECTIONAL;
        HmacDigest auth = HmacDigest.SHA1;
        RequiredPeerUsage remoteCertTls = RequiredPeerUsage.ANY;
        List<AeadAlgorithm> dataCiphers = DataCiphers.parse(DataCiphers.DEFAULT);
        String tlsVersionMin = "TLSv1.2";
        int reneg = SessionSettings.DEFAULT_RENEG_SECONDS;
        int handWindow = SessionSettings.DEFAULT_HAND_WINDOW_SECONDS;
        int tlsTimeout = SessionSettings.DEFAULT_TLS_TIMEOUT_SECONDS;
        int ping;
        int pingRestart;
        int exitNotify;
    }

    /**
     * Reads a configuration the kernel has validated against {@link VpnDirectives}: loads the PEM
     * and static key files (relative to the configuration file's directory) or inline blocks.
     */
    public static ClientConfig from(Config config) throws ConfigException {
        Builder b = new Builder();
        Optional<Directive> remote = config.last("remote");
        if (remote.isEmpty()) {
            throw new ConfigException("<config>", "no 'remote' directive: the client does not know its server", "add 'remote HOST [PORT]'");
        }
        Directive r = remote.get();
        b.remoteHost = r.arg(0, "remote HOST [PORT] [PROTO]");
        Optional<Directive> port = config.last("rport").or(() -> config.last("port"));
        if (port.isPresent()) {
            b.remotePort = VpnDirectives.port(port.get(), port.get().arg(0, "port PORT"));
        }
        if (r.args().size() > 1) {
            b.remotePort = VpnDirectives.port(r, r.args().get(1));
        }
        String proto = r.args().size() > 2 ? r.args().get(2) : config.last("proto").map(d -> d.args().get(0)).orElse("udp");
        b.transport = proto.startsWith("tcp") ? OccOptionsString.Transport.TCP : OccOptionsString.Transport.UDP;
        Directive ca = require(config, "ca", "the CA certificate that issued the server's certificate");
        b.ca = certificates(ca);
        Optional<Directive> cert = config.last("cert");
        Optional<Directive> key = config.last("key");
        if (cert.isPresent() != key.isPresent()) {
            Directive d = cert.orElseGet(key::get);
            throw new ConfigException(d, "'cert' and 'key' go together", "give both the client certificate and its private key");
        }
        if (cert.isPresent()) {
            b.chain = certificates(cert.get());
            b.key = privateKey(key.get());
        }
        Optional<Directive> tlsCrypt = config.last("tls-crypt");
        Optional<Directive> tlsAuth = config.last("tls-auth");
        if (tlsCrypt.isPresent() && tlsAuth.isPresent()) {
            throw new ConfigException(tlsAuth.get(), "tls-auth and tls-crypt exclude each other", "keep the one the server uses");
        }
        if (tlsCrypt.isPresent()) {
            b.wrapping = Wrapping.TLS_CRYPT;
            b.staticKey = staticKey(tlsCrypt.get());
        } else if (tlsAuth.isPresent()) {
            Directive d = tlsAuth.get();
            b.wrapping = Wrapping.TLS_AUTH;
            b.staticKey = staticKey(d);
            Optional<Directive> kd = config.last("key-direction");
            if (!d.inline() && d.args().size() == 2) {
                b.direction = VpnDirectives.direction(d, d.args().get(1)) == 0 ? KeyDirection.NORMAL : KeyDirection.INVERSE;
            } else if (kd.isPresent()) {
                b.direction = VpnDirectives.direction(kd.get(), kd.get().args().get(0)) == 0 ? KeyDirection.NORMAL : KeyDirection.INVERSE;
            }
        }
        Optional<Directive> auth = config.last("auth");
        if (auth.isPresent()) {
            b.auth = HmacDigest.valueOf(auth.get().args().get(0).toUpperCase(Locale.ROOT));
        }
        Optional<Directive> rct = config.last("remote-cert-tls");
        if (rct.isPresent()) {
            b.remoteCertTls = rct.get().args().get(0).equals("server") ? RequiredPeerUsage.TLS_SERVER : RequiredPeerUsage.TLS_CLIENT;
        }
        Optional<Directive> ciphers = config.last("data-ciphers");
        if (ciphers.isPresent()) {
            try {
                b.dataCiphers = DataCiphers.parse(ciphers.get().args().get(0));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(ciphers.get(), e.getMessage(), "list AEAD ciphers only, e.g. " + DataCiphers.DEFAULT);
            }
        }
        Optional<Directive> tlsMin = config.last("tls-version-min");
        if (tlsMin.isPresent()) {
            b.tlsVersionMin = VpnDirectives.tlsVersion(tlsMin.get(), tlsMin.get().args().get(0));
        }
        b.reneg = seconds(config, "reneg-sec", b.reneg);
        b.handWindow = seconds(config, "hand-window", b.handWindow);
        b.tlsTimeout = seconds(config, "tls-timeout", b.tlsTimeout);
        Optional<Directive> keepalive = config.last("keepalive");
        if (keepalive.isPresent()) {
            b.ping = VpnDirectives.seconds(keepalive.get(), keepalive.get().args().get(0));
            b.pingRestart = VpnDirectives.seconds(keepalive.get(), keepalive.get().args().get(1));
        }
        b.ping = seconds(config, "ping", b.ping);
        b.pingRestart = seconds(config, "ping-restart", b.pingRestart);
        Optional<Directive> exit = config.last("explicit-exit-notify");
        if (exit.isPresent()) {
            b.exitNotify = exit.get().args().isEmpty() ? 1 : VpnDirectives.seconds(exit.get(), exit.get().args().get(0));
        }
        return new ClientConfig(b);
    }

    /** The session settings for this client, with the given TLS and AEAD providers. */
    public SessionSettings toSessionSettings(TlsProvider tls, AeadProvider aead, SecureRandom random, String version) {
        TlsSettings tlsSettings = new TlsSettings(true, ca, certificateChain, privateKey, tlsVersionMin,
                TlsSettings.DEFAULT_MAXIMUM_VERSION, false, remoteCertTls);
        return new SessionSettings(Role.CLIENT, tls, tlsSettings, wrapFactory(), wrapping == Wrapping.TLS_AUTH, transport,
                dataCiphers, aead, true, renegSeconds, handWindowSeconds, tlsTimeoutSeconds, pingSeconds, pingRestartSeconds,
                explicitExitNotify, null, version, "linux", random);
    }

    /** The control-channel wrapping, a fresh replay counter per session. */
    public ControlWrapFactory wrapFactory() {
        return switch (wrapping) {
            case NONE -> epoch -> new NoWrap();
            case TLS_CRYPT -> epoch -> TlsCrypt.forClient(staticKey, epoch);
            case TLS_AUTH -> epoch -> new TlsAuth(staticKey, tlsAuthDirection, auth, epoch);
        };
    }

    public String remoteHost() {
        return remoteHost;
    }

    public int remotePort() {
        return remotePort;
    }

    public OccOptionsString.Transport transport() {
        return transport;
    }

    public Wrapping wrapping() {
        return wrapping;
    }

    public KeyDirection tlsAuthDirection() {
        return tlsAuthDirection;
    }

    public RequiredPeerUsage remoteCertTls() {
        return remoteCertTls;
    }

    public List<AeadAlgorithm> dataCiphers() {
        return dataCiphers;
    }

    public int pingSeconds() {
        return pingSeconds;
    }

    public int pingRestartSeconds() {
        return pingRestartSeconds;
    }

    public int renegSeconds() {
        return renegSeconds;
    }

    public int explicitExitNotify() {
        return explicitExitNotify;
    }

    public List<X509Certificate> ca() {
        return ca;
    }

    @Override
    public String toString() {
        return "ClientConfig[" + remoteHost + ":" + remotePort + " " + transport + ", " + wrapping + ", ciphers "
                + DataCiphers.names(dataCiphers) + "]";
    }

    // ---- loading ------------------------------------------------------------------------------

    private static Directive require(Config config, String name, String what) throws ConfigException {
        return config.last(name).orElseThrow(() -> new ConfigException("<config>", "no '" + name + "' directive", "add " + name + ": " + what));
    }

    private static int seconds(Config config, String name, int fallback) throws ConfigException {
        Optional<Directive> d = config.last(name);
        return d.isPresent() ? VpnDirectives.seconds(d.get(), d.get().args().get(0)) : fallback;
    }

    static Path resolve(Directive d, String file) {
        Path p = Path.of(file);
        if (p.isAbsolute() || d.source().startsWith("<")) {
            return p;
        }
        Path parent = Path.of(d.source()).toAbsolutePath().getParent();
        return parent == null ? p : parent.resolve(p);
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

package dev.culvert.vpn.config;

import dev.culvert.core.config.Config;
import dev.culvert.spi.config.ConfigException;
import dev.culvert.spi.config.Directive;
import dev.culvert.vpn.hook.ScriptCommand;
import dev.culvert.vpn.hook.Scripts;
import dev.culvert.vpn.peercert.TlsVerifyScript;
import dev.culvert.vpn.peercert.X509Track;
import dev.culvert.vpn.session.PeerCertificateVerifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code tls-verify CMD}, {@code tls-export-cert DIR} and {@code x509-track ATTRIBUTE} (options.c),
 * for a client, a server and a point-to-point peer: the script the session asks after every
 * handshake ({@link TlsVerifyScript}), where it finds the peer's certificate, and which
 * certificate fields its environment carries.
 *
 * <p>As in 2.6, commas in the command are spaces, and the directory of {@code tls-export-cert}
 * must be writable when the node starts. Below {@code script-security 2}, 2.6 takes the line and
 * then refuses every peer, because the script may not be called; here that is refused when the
 * configuration is loaded, as the other per-peer scripts are. {@code x509-track} fields reach
 * tls-verify only: 2.6 also adds them to every other script it runs for the peer, so with another
 * script configured the line is refused rather than half honoured.
 */
final class CertificateScripts {
    static final String TLS_VERIFY = "tls-verify";
    static final String EXPORT_CERT = "tls-export-cert";
    static final String X509_TRACK = "x509-track";
    private static final String VERIFY_USAGE = "tls-verify CMD, e.g. tls-verify /etc/openvpn/verify-cn.sh";
    private static final String EXPORT_USAGE = "tls-export-cert DIR, e.g. tls-export-cert /var/lib/openvpn/peer-certs";
    private static final String TRACK_USAGE = "x509-track [+]ATTRIBUTE, e.g. x509-track emailAddress or x509-track +SHA256";
    /** The scripts 2.6 would also hand the tracked fields to. */
    private static final List<String> OTHER_SCRIPTS = List.of(UserAuthConfig.VERIFY, HookScripts.CONNECT, HookScripts.DISCONNECT,
            HookScripts.LEARN_ADDRESS, TunScripts.UP, TunScripts.DOWN, TunScripts.ROUTE_UP, TunScripts.IPCHANGE);

    private CertificateScripts() {
    }

    /** Checks one line alone, for {@code --check}'s per-line pass. */
    static void check(Directive d) throws ConfigException {
        switch (d.name()) {
            case TLS_VERIFY -> command(d);
            case EXPORT_CERT -> d.expectArgs(1, 1, EXPORT_USAGE);
            case X509_TRACK -> track(d);
            default -> throw new ConfigException(d, "module-vpn does not take '" + d.name() + "' here",
                    "this is a bug in module-vpn; please report it with the line");
        }
    }

    /**
     * The verifier of this configuration, or {@link PeerCertificateVerifier#NONE} without
     * {@code tls-verify}.
     *
     * @param anchors     the configured CA certificates, which complete the chain the peer sent
     * @param limitSeconds how long one call of the script may take ({@code hand-window}, as the other scripts)
     */
    static PeerCertificateVerifier from(Config config, List<X509Certificate> anchors, int limitSeconds) throws ConfigException {
        Optional<Path> exportDir = exportDir(config);
        Optional<List<X509Track>> track = tracks(config);
        Optional<Directive> line = config.last(TLS_VERIFY);
        if (line.isEmpty()) {
            return PeerCertificateVerifier.NONE;
        }
        Directive d = line.get();
        ScriptCommand command = command(d);
        Optional<Directive> securityLine = config.last(UserAuthConfig.SCRIPT_SECURITY);
        int level = securityLine.isPresent() ? UserAuthConfig.scriptSecurity(securityLine.get()) : UserAuthConfig.DEFAULT_SCRIPT_SECURITY;
        if (level < UserAuthConfig.SCRIPTS_ALLOWED) {
            throw new ConfigException(d, "'tls-verify' runs a script, and 'script-security " + level + "'"
                    + (securityLine.isEmpty() ? " (the default)" : "") + " allows none; 2.6 would take the line and then refuse"
                    + " every peer, since it may not call the script", "add 'script-security 2', or remove the line");
        }
        ScriptCommand runnable = ScriptLines.executable(d, command);
        Scripts scripts = Scripts.of(Map.of("dev_type", "tun", "daemon", "0", "daemon_log_redirect", "0", "script_context", "init"),
                Path.of(System.getProperty("java.io.tmpdir", "/tmp")), Duration.ofSeconds(limitSeconds));
        return new TlsVerifyScript(runnable, exportDir, track, anchors, scripts);
    }

    /** {@code tls-verify}'s command: commas are spaces, as 2.6 reads it. */
    private static ScriptCommand command(Directive d) throws ConfigException {
        d.expectArgs(1, 1, VERIFY_USAGE);
        return ScriptLines.command(d, d.args().get(0).replace(',', ' '), VERIFY_USAGE);
    }

    private static Optional<Path> exportDir(Config config) throws ConfigException {
        Optional<Directive> line = config.last(EXPORT_CERT);
        if (line.isEmpty()) {
            return Optional.empty();
        }
        Directive d = line.get();
        d.expectArgs(1, 1, EXPORT_USAGE);
        Path dir = d.resolve(d.args().get(0));
        if (!Files.isDirectory(dir) || !Files.isWritable(dir)) {
            throw new ConfigException(d, "tls-export-cert " + dir + " is not " + (Files.exists(dir) ? "a writable directory"
                    : "there") + "; the peer's certificate is written there for tls-verify", "create it, writable by the node's user only"
                    + " (mkdir -m 700 " + dir + "), or name another directory");
        }
        return Optional.of(dir);
    }

    private static Optional<List<X509Track>> tracks(Config config) throws ConfigException {
        List<Directive> lines = config.all(X509_TRACK);
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        List<X509Track> tracks = new ArrayList<>();
        for (Directive d : lines) {
            tracks.add(track(d));
        }
        for (String other : OTHER_SCRIPTS) {
            Optional<Directive> script = config.last(other);
            if (script.isPresent()) {
                throw new ConfigException(lines.get(0), "x509-track: 2.6 adds the tracked fields to the environment of every script it runs"
                        + " for the peer, and Culvert adds them to tls-verify's only, so '" + other + "' (" + script.get().where()
                        + ") would not see them", "read the fields in a tls-verify script (its X509_0_... variables), or remove x509-track");
            }
        }
        return Optional.of(tracks);
    }

    private static X509Track track(Directive d) throws ConfigException {
        d.expectArgs(1, 1, TRACK_USAGE);
        try {
            return X509Track.parse(d.args().get(0));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(d, "x509-track " + e.getMessage(), "track a subject field (CN, O, OU, emailAddress, ...) or SHA1 or"
                    + " SHA256, with '+' for the whole chain; for anything else, set 'tls-export-cert DIR' and read the certificate in the"
                    + " tls-verify script (openssl x509 -in \"$peer_cert\" -noout -text)");
        }
    }
}

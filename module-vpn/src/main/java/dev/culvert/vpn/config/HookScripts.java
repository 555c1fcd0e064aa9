package dev.culvert.vpn.config;

import dev.culvert.core.config.Config;
import dev.culvert.spi.config.ConfigException;
import dev.culvert.spi.config.Directive;
import dev.culvert.vpn.hook.ScriptCommand;
import java.util.Optional;

/**
 * A server's {@code client-connect}, {@code client-disconnect}, {@code learn-address} and
 * {@code tls-crypt-v2-verify} scripts (options.c), each checked as {@link ScriptLines} checks a
 * script, under the configuration's {@code script-security} and {@code tmp-dir}
 * ({@link UserAuthConfig}). {@code tls-crypt-v2-verify} needs {@code tls-crypt-v2}: without it no
 * client key is ever unwrapped and 2.6 never runs the script, so the line would say nothing.
 */
public record HookScripts(Optional<ScriptCommand> clientConnect, Optional<ScriptCommand> clientDisconnect,
                          Optional<ScriptCommand> learnAddress, Optional<ScriptCommand> tlsCryptV2Verify) {
    static final String CONNECT = "client-connect";
    static final String DISCONNECT = "client-disconnect";
    static final String LEARN_ADDRESS = "learn-address";
    static final String TLS_CRYPT_V2_VERIFY = "tls-crypt-v2-verify";

    public static HookScripts none() {
        return new HookScripts(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    static HookScripts from(Config config, UserAuthConfig scripts) throws ConfigException {
        Optional<Directive> verify = config.last(TLS_CRYPT_V2_VERIFY);
        if (verify.isPresent() && !config.has(TlsCryptV2Config.NAME)) {
            throw new ConfigException(verify.get(), "'tls-crypt-v2-verify' checks the metadata of tls-crypt-v2 client keys, and this"
                    + " server has no 'tls-crypt-v2' key, so the script would never run",
                    "add 'tls-crypt-v2 SERVER_KEY_FILE', or remove the line");
        }
        return new HookScripts(script(config, CONNECT, scripts), script(config, DISCONNECT, scripts), script(config, LEARN_ADDRESS, scripts),
                script(config, TLS_CRYPT_V2_VERIFY, scripts));
    }

    private static Optional<ScriptCommand> script(Config config, String name, UserAuthConfig scripts) throws ConfigException {
        Optional<Directive> line = config.last(name);
        if (line.isEmpty()) {
            return Optional.empty();
        }
        Directive d = line.get();
        check(d);
        return Optional.of(ScriptLines.runnable(d, ScriptLines.command(d, d.args().get(0), usage(name)), scripts.scriptSecurity(),
                !config.has(UserAuthConfig.SCRIPT_SECURITY), scripts.tmpDir(), config.last(UserAuthConfig.TMP_DIR)));
    }

    /** Checks one line alone, for {@code --check}'s per-line pass. */
    static void check(Directive d) throws ConfigException {
        d.expectArgs(1, 1, usage(d.name()));
        ScriptLines.command(d, d.args().get(0), usage(d.name()));
    }

    private static String usage(String name) {
        return name + " SCRIPT, e.g. " + name + " /etc/openvpn/" + name + ".sh";
    }
}

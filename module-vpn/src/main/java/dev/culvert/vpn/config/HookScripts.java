package dev.culvert.vpn.config;

import dev.culvert.core.config.Config;
import dev.culvert.spi.config.ConfigException;
import dev.culvert.spi.config.Directive;
import dev.culvert.vpn.hook.ScriptCommand;
import java.util.Optional;

/**
 * A server's {@code client-connect}, {@code client-disconnect} and {@code learn-address} scripts
 * (options.c), each checked as {@link ScriptLines} checks a script, under the configuration's
 * {@code script-security} and {@code tmp-dir} ({@link UserAuthConfig}).
 */
public record HookScripts(Optional<ScriptCommand> clientConnect, Optional<ScriptCommand> clientDisconnect,
                          Optional<ScriptCommand> learnAddress) {
    static final String CONNECT = "client-connect";
    static final String DISCONNECT = "client-disconnect";
    static final String LEARN_ADDRESS = "learn-address";

    public static HookScripts none() {
        return new HookScripts(Optional.empty(), Optional.empty(), Optional.empty());
    }

    static HookScripts from(Config config, UserAuthConfig scripts) throws ConfigException {
        return new HookScripts(script(config, CONNECT, scripts), script(config, DISCONNECT, scripts), script(config, LEARN_ADDRESS, scripts));
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

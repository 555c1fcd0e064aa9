package dev.culvert.vpn.config;

import dev.culvert.core.config.Config;
import dev.culvert.spi.config.ConfigException;
import dev.culvert.spi.config.Directive;
import dev.culvert.vpn.hook.ScriptCommand;
import java.util.Optional;

/**
 * {@code up}, {@code down}, {@code route-up}, {@code route-pre-down} and {@code ipchange}
 * (options.c): scripts run when the tun device is up, when the node stops, once the routes are
 * set, when the node stops before its routes are taken back, and when the peer's address is
 * authenticated (a client or a point-to-point peer; 2.6 refuses ipchange on a server). As in 2.6, below {@code script-security 2}
 * they are accepted and not run: the node warns at start, the way 2.6 warns when it would run
 * them. From level 2 the program must exist and be executable, checked at start.
 *
 * @param allowed whether {@code script-security} lets them run
 */
public record TunScripts(Optional<ScriptCommand> up, Optional<ScriptCommand> down, Optional<ScriptCommand> routeUp,
                         Optional<ScriptCommand> routePreDown, Optional<ScriptCommand> ipchange, boolean allowed) {
    static final String UP = "up";
    static final String DOWN = "down";
    static final String ROUTE_UP = "route-up";
    static final String ROUTE_PRE_DOWN = "route-pre-down";
    static final String IPCHANGE = "ipchange";
    public static final TunScripts NONE = new TunScripts(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), false);

    static TunScripts from(Config config) throws ConfigException {
        Optional<Directive> level = config.last(UserAuthConfig.SCRIPT_SECURITY);
        boolean allowed = (level.isPresent() ? UserAuthConfig.scriptSecurity(level.get()) : UserAuthConfig.DEFAULT_SCRIPT_SECURITY)
                >= UserAuthConfig.SCRIPTS_ALLOWED;
        return new TunScripts(script(config, UP, allowed), script(config, DOWN, allowed), script(config, ROUTE_UP, allowed),
                script(config, ROUTE_PRE_DOWN, allowed), script(config, IPCHANGE, allowed), allowed);
    }

    private static Optional<ScriptCommand> script(Config config, String name, boolean allowed) throws ConfigException {
        Optional<Directive> line = config.last(name);
        if (line.isEmpty()) {
            return Optional.empty();
        }
        Directive d = line.get();
        ScriptCommand command = check(d);
        if (!allowed) {
            return Optional.of(command);
        }
        return Optional.of(ScriptLines.executable(d, command));
    }

    /** Checks one line alone, for {@code --check}'s per-line pass. */
    static ScriptCommand check(Directive d) throws ConfigException {
        String usage = d.name() + " SCRIPT, e.g. " + d.name() + " /etc/openvpn/update-resolv-conf";
        d.expectArgs(1, 1, usage);
        return ScriptLines.command(d, d.args().get(0), usage);
    }

    /** Whether any script is configured. */
    public boolean any() {
        return up.isPresent() || down.isPresent() || routeUp.isPresent() || routePreDown.isPresent() || ipchange.isPresent();
    }

    /** 2.6's warning for scripts it will not run, or null when there is nothing to warn about. */
    public String notRunWarning() {
        return any() && !allowed ? "WARNING: External program may not be called unless '--script-security 2' or higher is enabled;"
                + " the up, down, route-up, route-pre-down and ipchange scripts are not run" : null;
    }
}

package dev.culvert.core.embed;

import static dev.culvert.spi.config.ArgumentCheck.count;
import static dev.culvert.spi.config.ArgumentCheck.none;
import static dev.culvert.spi.config.DirectiveClaim.noOp;
import static dev.culvert.spi.config.DirectiveClaim.refused;
import static dev.culvert.spi.config.DirectiveClaim.refusedEach;

import dev.culvert.spi.config.DirectiveClaim;
import java.util.ArrayList;
import java.util.List;

/**
 * The fate of OpenVPN 2.6's options about the process, the log, the management interface, plugins
 * and the standalone commands, which the kernel claims without acting on them ({@link KernelDirectives}
 * and {@link ProcessDirectives} are the ones it acts on). Each was checked against 2.6's
 * {@code options.c} ({@code add_option}) and manual: what 2.6 on Linux does with it.
 */
final class KernelFates {
    private static final String OPERATIONS = " (the operations issue)";
    /** 2.6 builds these only for Windows: on Linux it stops at them as unrecognized options. */
    private static final String[] WINDOWS_ONLY = {"allow-nonadmin", "block-outside-dns", "cryptoapicert", "dhcp-release",
            "dhcp-renew", "ip-win32", "pause-exit", "register-dns", "service", "show-adapters", "show-net", "show-net-up",
            "show-valid-subnets", "tap-sleep", "win-sys", "windows-driver"};
    /** The management interface's options beyond those module-vpn implements ('management', its log cache, hold and password query). */
    private static final String[] MANAGEMENT = {"management-client",
            "management-client-group", "management-client-user", "management-external-cert", "management-external-key",
            "management-forget-disconnect",
            "management-query-proxy", "management-query-remote", "management-signal", "management-up-down"};
    /** 2.6's commands that print something and exit, with no tunnel. */
    private static final String[] STANDALONE = {"show-ciphers", "show-digests", "show-engines", "show-groups",
            "show-tls", "show-pkcs11-ids", "show-gateway", "test-crypto", "mtu-test"};

    private KernelFates() {
    }

    static List<DirectiveClaim> noOps() {
        return List.of(
                noOp("iproute", "2.6 runs this program instead of ip(8); Culvert sets addresses and routes over netlink and runs"
                        + " no program", count(1, 1, "iproute CMD")),
                noOp("echo", "2.6 logs a line that starts 'msg' and hands every line to its management client (a GUI), but"
                        + " it reads the configuration file before that interface opens, so from a file an echo reaches no"
                        + " client; Culvert does not log the 'msg' lines", count(0, 16, "echo [PARAMETERS...]")),
                noOp("disable-dco", "Culvert has no kernel data-channel offload to turn off: its data channel always runs in"
                        + " the JVM", none("disable-dco")));
    }

    static List<DirectiveClaim> refusals() {
        List<DirectiveClaim> claims = new ArrayList<>();
        claims.addAll(refusedEach(n -> "'" + n + "' is a Windows-only option: OpenVPN 2.6 on Linux refuses it too, as an"
                + " unrecognized option", "remove the line, or write it as 'setenv opt NAME ...' (or list it in"
                + " 'ignore-unknown-option'), as providers' files do, so that a Linux node skips it", WINDOWS_ONLY));
        claims.addAll(refusedEach(n -> "'" + n + "' is a part of the management interface that is not implemented yet" + OPERATIONS,
                "remove the line; the 'management' interface (of a server or a client) and bin/culvert's shell (culvert:status,"
                + " culvert:sessions) show the node's state", MANAGEMENT));
        claims.addAll(refusedEach(n -> "'" + n + "' is one of 2.6's commands that print and exit, not a node's option",
                "remove the line; Culvert prints what a node uses with 'verb 4' and bin/culvert --version", STANDALONE));
        claims.add(refused("genkey", "'genkey' makes 2.6 write a key and exit; it is not a node's option",
                "remove the line, and write a key with: bin/culvert --genkey secret FILE"));
        claims.add(refused("version", "'version' makes 2.6 print its version and exit; it is not a node's option",
                "remove the line, and run: bin/culvert --version"));
        claims.add(refused("help", "'help' makes 2.6 print its usage and exit; it is not a node's option",
                "remove the line, and run: bin/culvert --help"));
        claims.addAll(refusedEach(n -> "'" + n + "' makes 2.6 create or delete a persistent tun device and exit; it is not a"
                + " node's option", "remove the line, and use: ip tuntap add|del dev NAME mode tun", "mktun", "rmtun"));
        claims.add(refused("plugin", "OpenVPN's plugins are C libraries for its own process, which a JVM cannot load",
                "remove the line; check usernames and passwords with 'auth-user-pass-verify SCRIPT via-file', or with a bundle that"
                        + " offers a dev.culvert.spi.hook.ClientAuthenticator dropped into deploy/ (examples/user-list-auth; README,"
                        + " \"Usernames and passwords\")"));
        claims.add(refused("mlock", "a JVM cannot lock its heap in memory, so keys could still reach swap",
                "remove the line; to keep keys out of swap, run the node on a host without swap or with encrypted swap"));
        claims.add(refused("nice", "the node does not change its own scheduling priority",
                "remove the line, and set Nice= in the systemd unit (systemd/culvert@.service) or start it under nice(1)"));
        claims.add(refused("setcon", "the node does not change its own SELinux context",
                "remove the line, and set SELinuxContext= in the systemd unit"));
        claims.add(refused("remap-usr1", "signals are not remapped: bin/culvert handles SIGHUP, SIGUSR1, SIGUSR2, SIGTERM and SIGINT as"
                + " 2.6 does by default", "remove the line, and send the signal whose default action you want"));
        claims.add(refused("errors-to-stderr", "the node's errors go to its log with the rest, not to standard error",
                "remove the line; send the log where you read it with 'log FILE' or 'syslog'"));
        claims.add(refused("machine-readable-output", "the log's lines are not written in 2.6's machine-readable form",
                "remove the line; use 'syslog' for timestamped, levelled lines a program can read"));
        claims.add(refused("suppress-timestamps", "the log's line format is not changed by the configuration",
                "remove the line; the format is set in the logging configuration (conf/logging.properties)"));
        claims.add(refused("memstats", "'memstats' is a 2.6 build option (--enable-memstats) for developers",
                "remove the line; bin/culvert's shell shows the node's counters (culvert:status)"));
        claims.add(refused("gremlin", "'gremlin' is 2.6's fault-injection test for developers; it is not in Culvert",
                "remove the line"));
        return List.copyOf(claims);
    }
}

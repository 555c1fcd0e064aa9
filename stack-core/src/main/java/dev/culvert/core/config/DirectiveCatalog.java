package dev.culvert.core.config;

import java.util.HashMap;
import java.util.Map;

/**
 * Which module takes which OpenVPN directive, so that a directive no installed module claims gets
 * an error that says what to install, or that Culvert does not implement it.
 */
public final class DirectiveCatalog {
    private static final Map<String, String> MODULE = new HashMap<>();

    private static void take(String module, String... names) {
        for (String n : names) {
            MODULE.put(n, module);
        }
    }

    static {
        take("module-compress", "compress", "comp-lzo", "allow-compression", "comp-noadapt");
        take("module-vpn", "client", "server", "mode", "remote", "remote-random", "proto", "port", "lport", "rport", "local",
                "bind", "nobind", "dev", "dev-type", "tls-client", "tls-server", "tls-crypt", "tls-auth", "tls-crypt-v2",
                "key-direction", "ca", "cert", "key", "dh", "pkcs12", "remote-cert-tls", "verify-x509-name", "data-ciphers",
                "data-ciphers-fallback", "cipher", "auth", "keepalive", "ping", "ping-restart", "ping-exit", "reneg-sec",
                "reneg-bytes", "reneg-pkts", "hand-window", "tran-window", "tls-timeout", "explicit-exit-notify", "pull",
                "push", "push-reset", "ifconfig", "ifconfig-ipv6", "ifconfig-pool", "ifconfig-pool-persist", "ifconfig-push",
                "server-ipv6", "client-config-dir", "duplicate-cn", "auth-user-pass", "auth-token", "auth-nocache",
                "username-as-common-name", "verify-client-cert", "persist-key", "persist-tun", "resolv-retry", "float",
                "replay-window", "tls-version-min", "tls-version-max", "tls-cipher", "tls-ciphersuites", "tls-groups",
                "connect-freq", "connect-retry", "connect-retry-max", "max-clients", "status", "status-version",
                "key-derivation", "tun-mtu", "link-mtu", "tls-mtu", "sndbuf", "rcvbuf", "txqueuelen", "peer-id",
                "redirect-gateway", "dhcp-option", "dns", "route-gateway", "route-nopull", "route-noexec", "ifconfig-noexec",
                "script-security", "up", "down", "crl-verify", "tls-verify", "auth-user-pass-verify", "secret", "ccd-exclusive",
                "culvert-listen", "server-bridge", "push-peer-info", "push-remove", "learn-address", "client-connect",
                "client-disconnect", "dev-node", "ifconfig-ipv6-pool", "ifconfig-ipv6-push", "ifconfig-push-constraint", "disable",
                "inactive", "tcp-nodelay", "user", "group");
        take("module-routing", "route", "route-ipv6", "iroute", "iroute-ipv6", "client-to-client", "topology");
        take("module-ipv4", "mssfix");
        take("the kernel", "verb", "mute", "log", "log-append", "writepid", "daemon", "cd", "management", "culvert-workers");
    }

    private DirectiveCatalog() {
    }

    /** The module that takes the directive, or {@code null} if none does. */
    public static String moduleFor(String directive) {
        return MODULE.get(directive);
    }

    /** The error for a directive no installed module claims; {@code installed} names the modules that are. */
    static ConfigException unclaimed(Directive d, java.util.Set<String> installed) {
        String module = MODULE.get(d.name());
        if (module == null) {
            return new ConfigException(d, "unknown directive '" + d.name() + "'",
                    "check its spelling against OpenVPN 2.6's manual, or remove the line");
        }
        if (module.equals("the kernel")) {
            return new ConfigException(d, "'" + d.name() + "' is not implemented by this Culvert node",
                    "remove the line; Culvert does not support it yet");
        }
        if (installed.contains(module)) {
            return new ConfigException(d, "'" + d.name() + "' is an OpenVPN option that " + module + " does not implement yet",
                    "remove the line, or check the release notes of a newer " + module);
        }
        return new ConfigException(d, "'" + d.name() + "' is taken by " + module + ", which is not installed",
                "install " + module + " (put its bundle in deploy/, or add it to the embedded builder), or remove the line");
    }
}

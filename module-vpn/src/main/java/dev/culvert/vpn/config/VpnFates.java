package dev.culvert.vpn.config;

import static dev.culvert.spi.config.ArgumentCheck.count;
import static dev.culvert.spi.config.ArgumentCheck.none;
import static dev.culvert.spi.config.ArgumentCheck.numbers;
import static dev.culvert.spi.config.DirectiveClaim.noOp;
import static dev.culvert.spi.config.DirectiveClaim.refusedEach;

import dev.culvert.spi.config.DirectiveClaim;
import java.util.ArrayList;
import java.util.List;

/**
 * The fate in module-vpn of each OpenVPN 2.6 option it does not act on: a no-op where 2.6 on
 * Linux does nothing with it, or nothing an operator of a tun node relies on; otherwise refused,
 * saying why and what to do. Each was checked against 2.6's {@code options.c} ({@code add_option})
 * and manual. Where a later part of the work will implement an option, the refusal names it.
 */
final class VpnFates {
    private static final String CLIENT_PART = "not implemented yet (issue 11's client part)";
    private static final String TLS_PART = "not implemented yet (issue 11's TLS options)";
    private static final String TOPOLOGIES = "not implemented yet (the topologies issue: IPv6 inside the tunnel, address pools,"
            + " point-to-point and bridged modes)";

    private VpnFates() {
    }

    static List<DirectiveClaim> noOps() {
        return List.of(
                noOp("fast-io", "a hint to 2.6's single-threaded event loop (write UDP packets without polling first);"
                        + " Culvert's data plane has its own I/O loop, with nothing to tune here", none("fast-io")),
                noOp("ping-timer-rem", "2.6 holds its ping-restart timer back until it knows the peer's address, for a peer"
                        + " that listens without 'remote'; a Culvert client always has its remote and a server times each"
                        + " client from its first packet", none("ping-timer-rem")),
                noOp("persist-remote-ip", "it keeps 2.6 from resolving 'remote' again on a restart; a Culvert client resolves"
                        + " its remote each time it connects", none("persist-remote-ip")),
                noOp("persist-local-ip", "it keeps 2.6 from resolving 'local' again on a restart; a Culvert node resolves it"
                        + " once, when it starts", none("persist-local-ip")),
                noOp("mute-replay-warnings", "2.6 logs each replayed packet unless told not to; Culvert logs none, it counts"
                        + " them with their reason (culvert:status)", none("mute-replay-warnings")),
                noOp("disable-occ", "it stops 2.6 warning when the peer's options string differs from its own; Culvert"
                        + " does not compare the strings, so gives no such warning", none("disable-occ")),
                noOp("ifconfig-nowarn", "it stops 2.6 warning when the peer's ifconfig differs; Culvert gives no such"
                        + " warning", none("ifconfig-nowarn")),
                noOp("tun-mtu-extra", "2.6 sizes its read buffer with it, for a tap device's extra bytes; a tun device"
                        + " returns at most tun-mtu bytes and Culvert's buffers hold the largest packet",
                        numbers(1, 1, "tun-mtu-extra N")),
                noOp("lladdr", "it sets a tap device's hardware address; a tun device has none", count(1, 1, "lladdr ADDRESS")),
                noOp("hash-size", "it sizes 2.6's server tables; Culvert's grow as clients come", numbers(2, 2, "hash-size R V")),
                noOp("bcast-buffers", "it sizes 2.6's broadcast queue, which only tap servers use",
                        numbers(1, 1, "bcast-buffers N")),
                noOp("tcp-queue-limit", "it bounds 2.6's queue towards each TCP client; Culvert's queues are bounded"
                        + " already, and a full one drops and counts the packet", numbers(1, 1, "tcp-queue-limit N")),
                noOp("down-pre", "2.6 runs the down script before closing the tun device with it, after without; Culvert always"
                        + " runs it before", none("down-pre")));
    }

    static List<DirectiveClaim> refusals() {
        List<DirectiveClaim> claims = new ArrayList<>();
        // 2.6.14 refuses it too (options.c), in these words.
        claims.add(DirectiveClaim.refused("no-name-remapping", "--no-name-remapping was removed in OpenVPN 2.5",
                "remove the line; since 2.5 the names scripts see are always remapped, and Culvert remaps them the same way"));
        claims.add(DirectiveClaim.refused("keying-material-exporter", "2.6 puts the TLS exporter's output (RFC 5705) for this label"
                + " in the environment of the scripts run after each handshake (exported_keying_material); Culvert's TLS modules"
                + " export keying material (key-derivation tls-ekm uses it) but Culvert does not yet hand it to its scripts",
                "remove the line; a script cannot get a key bound to the TLS session from Culvert yet"));
        claims.addAll(refusedEach(n -> "'" + n + "' (challenge responses) is not implemented yet (the operations issue)",
                "remove the line; a Culvert server checks the username and password with auth-user-pass-verify or an authenticator module",
                "client-crresponse"));
        claims.addAll(refusedEach(n -> "'" + n + "' is " + CLIENT_PART, "remove the line; the client sends the username and password of"
                + " 'auth-user-pass' as they are", "static-challenge"));
        claims.addAll(refusedEach(n -> "'" + n + "' is " + CLIENT_PART, "remove the line; the client tries its 'remote' lines in turn",
                "remote-random-hostname", "proto-force"));
        claims.addAll(refusedEach(n -> "'" + n + "' is " + CLIENT_PART, "remove the line; the node keeps the system's defaults for it",
                "tcp-nodelay", "socket-flags"));
        claims.addAll(refusedEach(n -> "'" + n + "' is " + CLIENT_PART, "remove the line; the node opens its tun device when it starts",
                "up-delay"));
        claims.addAll(refusedEach(n -> "'" + n + "' runs up and down again at each restart; a Culvert node keeps its tun device through"
                + " restarts (as with persist-tun), so up runs once and down at the end", "remove the line", "up-restart"));
        claims.addAll(refusedEach(n -> "'" + n + "' is " + CLIENT_PART, "remove the line, and set the tunnel's MTU with 'tun-mtu'",
                "tun-max-mtu", "max-packet-size", "link-mtu"));
        claims.addAll(refusedEach(n -> "'" + n + "' is " + TLS_PART, "remove the line; the TLS module's defaults (TLS 1.2 and 1.3, its"
                + " own cipher suites and groups) apply", "tls-cert-profile"));
        claims.addAll(refusedEach(n -> "'" + n + "' needs OpenSSL; Culvert's TLS is a Java (JSSE) provider",
                "remove the line; keep the key in a PEM file named by 'key'", "engine", "providers", "use-prediction-resistance",
                "pkcs11-cert-private", "pkcs11-id", "pkcs11-id-management", "pkcs11-pin-cache", "pkcs11-private-mode",
                "pkcs11-protected-authentication", "pkcs11-providers"));
        claims.addAll(refusedEach(n -> "'" + n + "' asks for the private key's password, and encrypted private keys are not read yet",
                "decrypt the key (openssl pkey -in KEY -out PLAIN-KEY), keep it readable by the node alone, and remove the line",
                "askpass"));
        claims.addAll(refusedEach(n -> "'" + n + "' pins the peer's certificate by fingerprint, which is not implemented yet (the hardening"
                + " issue)", "check the peer with 'ca' and 'verify-x509-name' instead", "verify-hash", "peer-fingerprint",
                "x509-username-field"));
        claims.addAll(refusedEach(n -> "'" + n + "' is " + TOPOLOGIES, "remove the line; a Culvert server gives addresses from 'server'"
                + " and a client takes the pushed ones", "ifconfig-pool",
                "ifconfig-push", "ifconfig-noexec", "route-noexec", "route-gateway", "server-bridge", "dev-node",
                "vlan-tagging", "vlan-accept", "vlan-pvid", "block-ipv6", "push-remove", "push-reset"));
        claims.addAll(refusedEach(n -> "'" + n + "' is 2.6's static-key mode, which 2.6 deprecates and Culvert does not implement",
                "use TLS: 'ca', 'cert', 'key', and 'tls-crypt' with the same key file if you like", "secret"));
        claims.addAll(refusedEach(n -> "'" + n + "' weakens or changes replay protection, which Culvert keeps at 2.6's defaults",
                "remove the line", "no-replay", "replay-persist", "tran-window", "reneg-pkts"));
        claims.addAll(refusedEach(n -> "'" + n + "' sets a socket option the node does not set yet",
                "remove the line; for policy routing, match the node's packets by its user or cgroup in nftables",
                "mark", "bind-dev", "mtu-disc", "passtos", "multihome"));
        claims.addAll(refusedEach(n -> "'" + n + "' is not implemented (the operations issue)", "remove the line", "port-share",
                "shaper", "single-session", "force-tls-key-material-export", "compat-mode", "opt-verify"));
        claims.addAll(refusedEach(n -> "'" + n + "' in a client-config-dir file is not implemented yet (the operations issue)",
                "revoke the client's certificate ('crl-verify') to keep it out", "disable"));
        claims.addAll(refusedEach(n -> "'" + n + "' is an option 2.6 takes only from a server's push, never from a configuration file",
                "remove the line; the server pushes it", "peer-id", "key-derivation", "protocol-flags"));
        claims.addAll(refusedEach(n -> "'" + n + "' is a server's push option that a Culvert server does not take yet",
                "remove the line", "ifconfig-push-constraint"));
        claims.addAll(refusedEach(n -> "'" + n + "' needs a proxy, which is not implemented", "remove the line, and reach the server"
                + " directly (or run a local forwarder and point 'remote' at it)", "http-proxy", "http-proxy-option",
                "http-proxy-user-pass", "socks-proxy", "socks-proxy-retry"));
        return List.copyOf(claims);
    }

}

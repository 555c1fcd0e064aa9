package dev.culvert.vpn.push;

import dev.culvert.spi.route.AddressText;
import java.util.List;

/**
 * The options of one complete PUSH_REPLY (all its push-continuation parts), as a client applies
 * them. Absent numbers are −1, absent values {@code null}. Options Culvert passes on without
 * interpreting ({@code dhcp-option}, {@code dns}, {@code redirect-gateway}, {@code compress}, …)
 * are in {@link #rawOptions} exactly as received; options it does not know are in
 * {@link #warnings}, as 2.6 warns about them rather than failing. {@code ping-exit N} and
 * {@code ping-restart N} set one timer, {@link #pingRestart}, as in 2.6; {@link #pingExit} says
 * whether the later of them was ping-exit, so a silent server ends the client instead.
 */
public record PushReply(
        Topology topology,
        Ifconfig ifconfig,
        Ifconfig6 ifconfig6,
        List<Route> routes,
        List<Route6> routes6,
        String routeGateway,
        int ping,
        int pingRestart,
        boolean pingExit,
        int peerId,
        String cipher,
        boolean ccExit,
        boolean tlsEkm,
        boolean dynTlsCrypt,
        boolean keyDerivationTlsEkm,
        int tunMtu,
        List<String> rawOptions,
        List<String> warnings) {

    /** {@code ifconfig <local> <second>}; the second is a netmask in subnet topology, else the remote peer. */
    public record Ifconfig(int local, int second) {
        public String localText() {
            return AddressText.ipv4(local);
        }

        public String secondText() {
            return AddressText.ipv4(second);
        }
    }

    /** {@code ifconfig-ipv6 <address>/<bits> <remote>}. */
    public record Ifconfig6(String address, int prefixLength, String remote) {
    }

    /** {@code route <network> [netmask] [gateway] [metric]}, as given. */
    public record Route(String network, String netmask, String gateway, String metric) {
    }

    /** {@code route-ipv6 <network/bits> [gateway] [metric]}, as given. */
    public record Route6(String network, String gateway, String metric) {
    }

    /** The topology in force: the pushed one, or 2.6's default {@link Topology#NET30}. */
    public Topology effectiveTopology() {
        return topology == null ? Topology.NET30 : topology;
    }

    /** Whether data keys come from the TLS exporter ({@code protocol-flags tls-ekm} or {@code key-derivation tls-ekm}). */
    public boolean useTlsEkm() {
        return tlsEkm || keyDerivationTlsEkm;
    }

    /**
     * The tun netmask {@code ifconfig} implies: its second argument in subnet topology, a /30 in
     * net30, a /32 in p2p. Only meaningful when {@link #ifconfig()} is present.
     */
    public int ifconfigNetmask() {
        return switch (effectiveTopology()) {
            case SUBNET -> ifconfig.second();
            case NET30 -> 0xFFFF_FFFC;
            case P2P -> 0xFFFF_FFFF;
        };
    }

    /**
     * The remote end of the point-to-point link {@code ifconfig} names in net30 and p2p
     * topology, or {@code null} in subnet topology (where the second argument is a netmask and
     * the gateway is {@code route-gateway}).
     */
    public String ifconfigRemote() {
        return effectiveTopology().secondIsNetmask() ? null : ifconfig.secondText();
    }

    /** Whether data packets go out as P_DATA_V2 (a peer-id was pushed). */
    public boolean hasPeerId() {
        return peerId >= 0;
    }

    /** The pushed {@code auth-token}'s token, or {@code null}. */
    public String authToken() {
        return rawArgument("auth-token");
    }

    /** The pushed {@code auth-token-user}'s base64 username, or {@code null}. */
    public String authTokenUser() {
        return rawArgument("auth-token-user");
    }

    /** The single argument of the last raw option called {@code name}, or {@code null}. */
    private String rawArgument(String name) {
        String found = null;
        for (String option : rawOptions) {
            String[] words = option.trim().split("[ \t]+");
            if (words.length == 2 && words[0].equals(name)) {
                found = words[1];
            }
        }
        return found;
    }

    /** Withholds the options that carry a secret ({@code auth-token}), as a reply may end up in a log. */
    @Override
    public String toString() {
        return "PushReply[ifconfig " + ifconfig + ", " + routes.size() + " routes, peer-id " + peerId + ", cipher " + cipher
                + ", " + rawOptions.stream().filter(o -> !o.startsWith("auth-token")).toList() + (authToken() == null ? "" : ", an auth-token")
                + ", warnings " + warnings + "]";
    }
}

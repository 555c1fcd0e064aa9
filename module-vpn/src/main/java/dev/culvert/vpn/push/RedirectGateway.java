package dev.culvert.vpn.push;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * {@code redirect-gateway [FLAGS]}: the internet through the tunnel (options.c, route.c
 * {@code redirect_default_route_to_vpn}). A client's own line and a pushed one add their flags
 * together, as 2.6 ORs them into one set.
 *
 * @param flags the flags, {@link Flag#IPV4} among them unless {@code !ipv4} was given
 */
public record RedirectGateway(Set<Flag> flags) {
    /** The flags 2.6 knows; {@code !ipv4} is the absence of {@link #IPV4}. */
    public enum Flag {
        /** Two /1 routes instead of replacing the default route, so the original default stays. */
        DEF1("def1"),
        /** The server is on a directly connected network: no host route to it. */
        LOCAL("local"),
        /** {@link #LOCAL} if the server turns out to be on a directly connected network. */
        AUTOLOCAL("autolocal"),
        /** Windows only in 2.6: the DHCP server's host route; nothing on Linux. */
        BYPASS_DHCP("bypass-dhcp"),
        /** Windows only in 2.6: the DNS servers' host routes; nothing on Linux. */
        BYPASS_DNS("bypass-dns"),
        /** The local network through the tunnel too, except the gateway itself. */
        BLOCK_LOCAL("block-local"),
        /** The IPv6 internet through the tunnel. */
        IPV6("ipv6"),
        /** The IPv4 internet through the tunnel (on unless {@code !ipv4}). */
        IPV4("ipv4"),
        /**
         * The default gateway is rerouted: {@code redirect-gateway}, not {@code redirect-private},
         * which keeps only the server's host route and {@code block-local} (2.6's RG_REROUTE_GW).
         * No word names it.
         */
        REROUTE(null);

        final String word;

        Flag(String word) {
            this.word = word;
        }
    }

    public RedirectGateway {
        flags = Set.copyOf(flags);
    }

    /**
     * Reads a {@code redirect-gateway} line's flags (the words after the name).
     *
     * @throws IllegalArgumentException naming an unknown flag, as 2.6 refuses it
     */
    public static RedirectGateway parse(List<String> words) {
        EnumSet<Flag> flags = parseFlags(words);
        flags.add(Flag.REROUTE);
        return new RedirectGateway(flags);
    }

    /**
     * Reads a {@code redirect-private} line's flags: {@code redirect-gateway}'s, without rerouting
     * the default gateway.
     *
     * @throws IllegalArgumentException naming an unknown flag
     */
    public static RedirectGateway parsePrivate(List<String> words) {
        return new RedirectGateway(parseFlags(words));
    }

    private static EnumSet<Flag> parseFlags(List<String> words) {
        EnumSet<Flag> flags = EnumSet.of(Flag.IPV4);
        for (String word : words) {
            if (word.equals("!ipv4")) {
                flags.remove(Flag.IPV4);
                continue;
            }
            Flag found = null;
            for (Flag f : Flag.values()) {
                if (word.equals(f.word)) {
                    found = f;
                }
            }
            if (found == null) {
                throw new IllegalArgumentException("unknown redirect-gateway flag '" + word + "'");
            }
            flags.add(found);
        }
        return flags;
    }

    /** Both lines' flags together; either may be null (no such line). */
    public static RedirectGateway union(RedirectGateway a, RedirectGateway b) {
        if (a == null || b == null) {
            return a == null ? b : a;
        }
        EnumSet<Flag> all = EnumSet.noneOf(Flag.class);
        all.addAll(a.flags);
        all.addAll(b.flags);
        return new RedirectGateway(all);
    }

    /**
     * The pushed {@code redirect-gateway} and {@code redirect-private} among a reply's raw options,
     * together, or null. An unknown flag is left out.
     */
    public static RedirectGateway pushed(PushReply reply) {
        RedirectGateway found = null;
        for (String option : reply.rawOptions()) {
            String[] words = option.trim().split("[ \t]+");
            boolean reroute = words[0].equals("redirect-gateway");
            if (!reroute && !words[0].equals("redirect-private")) {
                continue;
            }
            List<String> known = new java.util.ArrayList<>();
            for (int i = 1; i < words.length; i++) {
                try {
                    parse(List.of(words[i]));
                    known.add(words[i]);
                } catch (IllegalArgumentException e) {
                    // 2.6 ignores what it cannot read in a push; the flag is left out
                }
            }
            found = union(found, reroute ? parse(known) : parsePrivate(known));
        }
        return found;
    }

    public boolean has(Flag flag) {
        return flags.contains(flag);
    }
}

package dev.culvert.example.filter;

/**
 * One {@code culvert-filter drop ...} line: the packets it drops.
 *
 * @param protocol the IP protocol number, or {@link #ANY_PROTOCOL}
 * @param port     the TCP or UDP destination port, or {@link #ANY_PORT}
 * @param from     the source prefix, or null for any
 * @param to       the destination prefix, or null for any
 * @param text     the rule as written, for logs
 */
record FilterRule(int protocol, int port, Ipv4Prefix from, Ipv4Prefix to, String text) {
    static final int ANY_PROTOCOL = -1;
    static final int ANY_PORT = -1;
    static final int ICMP = 1;
    static final int TCP = 6;
    static final int UDP = 17;

    /** What the rule says of the packet {@code header} has read. */
    Match match(Ipv4Header header) {
        if (protocol != ANY_PROTOCOL && header.protocol() != protocol) {
            return Match.NO;
        }
        if (from != null && !from.contains(header.source()) || to != null && !to.contains(header.destination())) {
            return Match.NO;
        }
        if (port == ANY_PORT) {
            return Match.YES;
        }
        int destinationPort = header.destinationPort();
        if (destinationPort == Ipv4Header.NONE) {
            return Match.UNREADABLE;
        }
        return destinationPort == port ? Match.YES : Match.NO;
    }

    /** A rule's answer: the packet is one it drops, is not, or hides the port the rule asks about. */
    enum Match { YES, NO, UNREADABLE }
}

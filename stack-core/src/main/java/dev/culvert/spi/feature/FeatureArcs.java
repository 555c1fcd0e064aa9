package dev.culvert.spi.feature;

import java.util.List;

/**
 * The graph's named insertion points. Each role's graph (the OpenVPN client's, the server's and
 * the embedded relay's) has every one of them, as a node named {@code arc.<name>}.
 */
public final class FeatureArcs {
    /**
     * Packets read from the inside link (the TUN device) that passed the L3 check, before they
     * are routed towards a peer: plain IP, headers validated.
     */
    public static final String AFTER_INSIDE_L3 = "after-inside-l3";

    /**
     * Plain IP packets about to be compressed and sealed for a peer: what came from the inside
     * link, a server's client-to-client traffic, and ICMP errors the stack answers with. On a
     * server this is after routing, so the peer is chosen.
     */
    public static final String BEFORE_SEAL = "before-seal";

    /**
     * Packets a peer sent, opened (decrypted and authenticated) and decompressed, before the L3
     * check on the way to the inside link. Authenticated is not trustworthy: the bytes are the
     * peer's, as hostile as any.
     */
    public static final String AFTER_OPEN = "after-open";

    /** Every arc, in the order a packet from the inside link meets them. */
    public static final List<String> ALL = List.of(AFTER_INSIDE_L3, BEFORE_SEAL, AFTER_OPEN);

    private FeatureArcs() {
    }

    /** The graph node that runs the features of {@code arc}: {@code arc.after-open}. */
    public static String nodeName(String arc) {
        return "arc." + arc;
    }
}

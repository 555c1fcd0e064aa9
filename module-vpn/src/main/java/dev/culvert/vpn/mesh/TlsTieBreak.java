package dev.culvert.vpn.mesh;

import dev.culvert.spi.config.ConfigException;

/**
 * Which side of a pair is the TLS server, so that two nodes that both know each other's address
 * never both wait nor both initiate:
 *
 * <ul>
 *   <li>A leaf (a peer declared with {@code *}, e.g. a stock 2.6 p2p client) has no address to be
 *       reached at: it initiates, this node serves it.</li>
 *   <li>Of two Culvert nodes, the one whose own name sorts lower (Java's {@link String#compareTo},
 *       i.e. by UTF-16 code unit, so {@code "B" < "a"}) is the TLS server and waits; the other
 *       initiates and re-sends its reset until it is answered.</li>
 *   <li>Two nodes with the same name are a configuration error: the rule could not decide, and a
 *       certificate name check could not tell them apart.</li>
 * </ul>
 */
public final class TlsTieBreak {
    /** This node's part in the pair. */
    public enum Side {
        /** Waits for the peer's reset: a TLS server. */
        SERVES,
        /** Sends the reset: a TLS client. */
        INITIATES
    }

    private TlsTieBreak() {
    }

    /**
     * This node's side towards {@code peer}.
     *
     * @param ownName this node's name, its certificate's common name
     * @param where   {@code file:line} of the peer's declaration, for the error
     */
    public static Side side(String ownName, MeshPeer peer, String where) throws ConfigException {
        if (peer.leaf()) {
            return Side.SERVES;
        }
        int order = ownName.compareTo(peer.name());
        if (order == 0) {
            throw new ConfigException(where, "peer " + peer.name() + " has this node's own name",
                    "give every mesh node a certificate with its own common name, and remove this node's line from its own peers");
        }
        return order < 0 ? Side.SERVES : Side.INITIATES;
    }
}

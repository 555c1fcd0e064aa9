package dev.culvert.spi.l3;

/** Where a packet entered the stack: the inside link (TUN) or a tunnel from a peer. */
public enum Side {
    LINK,
    TUNNEL
}

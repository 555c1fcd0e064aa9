package dev.culvert.vpn.push;

/** {@code topology}: what the second argument of {@code ifconfig} means. */
public enum Topology {
    /** 2.6's default without {@code topology}: {@code ifconfig <local> <remote peer>}, a /30 per client. */
    NET30,
    /** {@code ifconfig <local> <remote peer>} point to point. */
    P2P,
    /** {@code ifconfig <address> <netmask>}, one subnet for all clients. */
    SUBNET;

    /** Whether {@code ifconfig}'s second argument is a netmask (else the remote peer's address). */
    public boolean secondIsNetmask() {
        return this == SUBNET;
    }
}

package dev.culvert.vpn.keys;

/** Which end of the TLS session a peer is; it decides which half of {@code key2} it sends with. */
public enum Role {
    /** The TLS client (OpenVPN client): sends with {@code keys[0]}, receives with {@code keys[1]}. */
    CLIENT,
    /** The TLS server (OpenVPN server): sends with {@code keys[1]}, receives with {@code keys[0]}. */
    SERVER;

    /** Index into {@code key2.keys[]} of the half this role encrypts with. */
    int sendIndex() {
        return this == CLIENT ? 0 : 1;
    }
}

package dev.culvert.spi.hook;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Objects;

/**
 * An authenticated client as the connect hooks see it: who it is, where it connects from, and the
 * addresses the server gave it (what 2.6 puts in {@code client-connect}'s environment).
 *
 * @param clientId        the server's id for this client connection (the status's and the management interface's client id)
 * @param commonName      the client's name: its certificate's, or its username under {@code username-as-common-name}
 * @param username        the username an authenticator accepted, empty without one
 * @param remote          the client's real address ({@code trusted_ip}, {@code trusted_port})
 * @param virtualAddress  its IPv4 address in the tunnel ({@code ifconfig_pool_remote_ip}), empty without one
 * @param virtualNetmask  the netmask (topology subnet) or the server's end (net30) pushed with it, empty without one
 * @param virtualAddress6 its IPv6 address in the tunnel ({@code ifconfig_pool_remote_ip6}), empty without one
 * @param peerInfo        what the client announced ({@code IV_VER}, {@code IV_PLAT}, ...)
 */
public record ClientInfo(long clientId, String commonName, String username, InetSocketAddress remote, String virtualAddress, String virtualNetmask,
                         String virtualAddress6, Map<String, String> peerInfo) {
    public ClientInfo {
        Objects.requireNonNull(commonName, "commonName");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(remote, "remote");
        Objects.requireNonNull(virtualAddress, "virtualAddress");
        Objects.requireNonNull(virtualNetmask, "virtualNetmask");
        Objects.requireNonNull(virtualAddress6, "virtualAddress6");
        peerInfo = Map.copyOf(peerInfo);
    }
}

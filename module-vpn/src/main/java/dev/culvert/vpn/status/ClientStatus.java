package dev.culvert.vpn.status;

import java.net.InetSocketAddress;

/**
 * One connected client, as a status file lists it.
 *
 * @param commonName the certificate's common name
 * @param realAddress where its packets come from
 * @param virtualAddress its tunnel IPv4 address as dotted quad, or null/empty for none
 * @param virtualIpv6Address its tunnel IPv6 address, or null/empty for none
 * @param bytesReceived bytes read from it on the link (2.6 counts the outer packets), unsigned
 * @param bytesSent bytes written to it on the link, unsigned
 * @param connectedSinceEpochSeconds when its instance was created
 * @param username the auth-user-pass name; {@code "UNDEF"} (or null) when none
 * @param clientId the management interface's client id
 * @param peerId its data-channel peer id (unsigned 32 bits)
 * @param cipher the data-channel cipher in OpenVPN's spelling, e.g. {@code AES-256-GCM}
 */
public record ClientStatus(String commonName, InetSocketAddress realAddress, String virtualAddress, String virtualIpv6Address,
        long bytesReceived, long bytesSent, long connectedSinceEpochSeconds, String username, long clientId, int peerId,
        String cipher) {
}

package dev.culvert.spi.hook;

import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * One question to a {@link ClientAuthenticator}: who the client says it is, and from where. The
 * password is held as the UTF-8 bytes the client sent and is wiped by the server once the
 * authenticator answered; {@link #toString()} never shows it.
 */
public final class AuthRequest {
    private final long clientId;
    private final String commonName;
    private final String username;
    private final byte[] password;
    private final InetSocketAddress remote;
    private final Map<String, String> peerInfo;
    private final int keyId;

    /**
     * @param clientId   the server's id for this client connection (the status's and the management
     *                   interface's client id), the same in {@link ClientInfo} for it
     * @param commonName the common name of the client's verified certificate, empty without one
     *                   ({@code verify-client-cert none})
     * @param password   the password's bytes, owned by the request from now on
     * @param peerInfo   the client's peer-info ({@code IV_VER}, {@code IV_PLAT}, ...), as it sent it
     * @param keyId      0 for the client's first key exchange, 1 to 7 for a renegotiation
     */
    public AuthRequest(long clientId, String commonName, String username, byte[] password, InetSocketAddress remote,
                       Map<String, String> peerInfo, int keyId) {
        this.clientId = clientId;
        this.commonName = Objects.requireNonNull(commonName, "commonName");
        this.username = Objects.requireNonNull(username, "username");
        this.password = Objects.requireNonNull(password, "password");
        this.remote = Objects.requireNonNull(remote, "remote");
        this.peerInfo = Map.copyOf(peerInfo);
        if (keyId < 0 || keyId > 7) {
            throw new IllegalArgumentException("key id " + keyId);
        }
        this.keyId = keyId;
    }

    public long clientId() {
        return clientId;
    }

    public String commonName() {
        return commonName;
    }

    public String username() {
        return username;
    }

    /** The password's UTF-8 bytes, not a copy: zeroed once the server wiped the request. */
    public byte[] password() {
        return password;
    }

    /** The client's address as its packets came from it (2.6's {@code untrusted_ip}/{@code untrusted_port}). */
    public InetSocketAddress remote() {
        return remote;
    }

    public Map<String, String> peerInfo() {
        return peerInfo;
    }

    public int keyId() {
        return keyId;
    }

    /** Whether this is a renegotiation of a client already connected. */
    public boolean renegotiation() {
        return keyId != 0;
    }

    /** Zeroes the password; the server calls it once the answer is in. */
    public void wipe() {
        Arrays.fill(password, (byte) 0);
    }

    @Override
    public String toString() {
        return "AuthRequest[user " + username + ", cn " + commonName + ", from " + remote + ", key " + keyId + ", password withheld]";
    }
}

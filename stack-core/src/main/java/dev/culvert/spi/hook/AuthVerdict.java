package dev.culvert.spi.hook;

import java.util.Objects;

/**
 * An authenticator's answer.
 *
 * @param accepted     whether the client may connect
 * @param reason       why, for the server's log; never the password
 * @param clientReason what the refused client is told after {@code AUTH_FAILED,} (2.6's
 *                     {@code client-deny} client reason), or null for a bare {@code AUTH_FAILED};
 *                     at most {@value #MAX_CLIENT_REASON} characters of printable ASCII
 */
public record AuthVerdict(boolean accepted, String reason, String clientReason) {
    /** What fits in a control message beside AUTH_FAILED with room to spare. */
    public static final int MAX_CLIENT_REASON = 256;

    public AuthVerdict {
        Objects.requireNonNull(reason, "reason");
        if (clientReason != null) {
            if (accepted) {
                throw new IllegalArgumentException("an accepted client is told nothing");
            }
            if (clientReason.length() > MAX_CLIENT_REASON || !clientReason.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
                throw new IllegalArgumentException("a client reason is at most " + MAX_CLIENT_REASON
                        + " characters of printable ASCII");
            }
        }
    }

    public static AuthVerdict accept(String reason) {
        return new AuthVerdict(true, reason, null);
    }

    /** A refusal the client sees as a bare {@code AUTH_FAILED}, as 2.6's scripts give. */
    public static AuthVerdict deny(String reason) {
        return new AuthVerdict(false, reason, null);
    }

    /** A refusal the client sees as {@code AUTH_FAILED,clientReason}. */
    public static AuthVerdict deny(String reason, String clientReason) {
        return new AuthVerdict(false, reason, clientReason);
    }
}

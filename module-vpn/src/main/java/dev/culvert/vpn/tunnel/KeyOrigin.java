package dev.culvert.vpn.tunnel;

import dev.culvert.vpn.data.KeyContext;
import dev.culvert.vpn.session.DataKeySet;

/**
 * The columns of {@code culvert:sessions} that say where a session's current key came from: its
 * key id, the TLS backend whose handshake made it, and the AEAD provider its contexts come from
 * now ("sealing/opening" while the two differ: the opening context moves with the first packet
 * from the peer after a swap).
 */
public final class KeyOrigin {
    /** The column titles, as wide as {@link #of}'s columns. */
    public static final String HEADER = String.format("%-4s %-10s %-21s", "key", "tls", "aead");

    private KeyOrigin() {
    }

    /** The columns for the key {@code keys} seals with, dashes if there is none yet. */
    public static String of(DataKeySet keys) {
        KeyContext k = keys.primary();
        if (k == null) {
            return String.format("%-4s %-10s %-21s", "-", "-", "-");
        }
        String sealing = k.providerName();
        String opening = k.openerProviderName();
        String aead = sealing.equals(opening) ? sealing : sealing + "/" + opening;
        return String.format("%-4d %-10s %-21s", k.keyId(), k.madeBy().isEmpty() ? "-" : k.madeBy(), aead);
    }
}

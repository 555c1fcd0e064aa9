package dev.culvert.vpn.session;

import dev.culvert.spi.aead.AeadProvider;
import dev.culvert.vpn.keys.DataCipher;
import dev.culvert.vpn.keys.HmacDigest;
import java.util.List;
import java.util.Objects;

/**
 * The data channel's part of the negotiation.
 *
 * @param dataCiphers data-ciphers, in preference order
 * @param occCipher   the cipher this side names in its OCC options string (2.6 names its
 *                    {@code cipher} there when it is in data-ciphers, or on a point-to-point
 *                    peer), or {@code null}
 * @param fallback    the cipher for a peer that negotiates none ({@code data-ciphers-fallback},
 *                    or {@code cipher} on a point-to-point peer), or {@code null} to refuse it
 * @param auth        the HMAC digest of a CBC cipher ({@code auth}); AEAD ciphers ignore it
 * @param aead        builds the data channel's AEAD contexts
 * @param allowTlsEkm announce (client) or accept (server) key derivation by the TLS exporter when the TLS session can export
 */
public record DataSettings(List<DataCipher> dataCiphers, DataCipher occCipher, DataCipher fallback, HmacDigest auth,
                           AeadProvider aead, boolean allowTlsEkm) {
    public DataSettings {
        Objects.requireNonNull(aead, "aead");
        Objects.requireNonNull(auth, "auth");
        dataCiphers = List.copyOf(dataCiphers);
        if (dataCiphers.isEmpty()) {
            throw new IllegalArgumentException("data-ciphers is empty");
        }
    }

    /** These ciphers, no fallback, keys from the TLS exporter where both sides can (as 2.6 does). */
    public static DataSettings of(List<DataCipher> dataCiphers, AeadProvider aead) {
        return new DataSettings(dataCiphers, null, null, HmacDigest.SHA1, aead, true);
    }

    /** The same with the legacy settings: the OCC cipher, the fallback and the CBC digest. */
    public DataSettings withLegacy(DataCipher occCipher, DataCipher fallback, HmacDigest auth) {
        return new DataSettings(dataCiphers, occCipher, fallback, auth, aead, allowTlsEkm);
    }

    /** The same, keys always from the PRF construction. */
    public DataSettings withoutTlsEkm() {
        return new DataSettings(dataCiphers, occCipher, fallback, auth, aead, false);
    }
}

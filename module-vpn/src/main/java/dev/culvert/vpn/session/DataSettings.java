package dev.culvert.vpn.session;

import dev.culvert.spi.aead.AeadAlgorithm;
import dev.culvert.spi.aead.AeadProvider;
import java.util.List;
import java.util.Objects;

/**
 * The data channel's part of the negotiation.
 *
 * @param dataCiphers data-ciphers, in preference order
 * @param aead        builds the data channel's AEAD contexts
 * @param allowTlsEkm announce (client) or accept (server) key derivation by the TLS exporter when the TLS session can export
 */
public record DataSettings(List<AeadAlgorithm> dataCiphers, AeadProvider aead, boolean allowTlsEkm) {
    public DataSettings {
        Objects.requireNonNull(aead, "aead");
        dataCiphers = List.copyOf(dataCiphers);
        if (dataCiphers.isEmpty()) {
            throw new IllegalArgumentException("data-ciphers is empty");
        }
    }

    /** These ciphers, keys from the TLS exporter where both sides can (as 2.6 does). */
    public static DataSettings of(List<AeadAlgorithm> dataCiphers, AeadProvider aead) {
        return new DataSettings(dataCiphers, aead, true);
    }

    /** The same, keys always from the PRF construction. */
    public DataSettings withoutTlsEkm() {
        return new DataSettings(dataCiphers, aead, false);
    }
}

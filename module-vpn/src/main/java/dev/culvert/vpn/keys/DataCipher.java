package dev.culvert.vpn.keys;

import dev.culvert.spi.aead.AeadAlgorithm;
import java.util.Arrays;
import java.util.List;

/**
 * The data-channel ciphers Culvert speaks, by their OpenVPN names: the AEAD ciphers 2.6
 * negotiates by default, and the AES-CBC ciphers of the legacy format (crypto.c
 * {@code openvpn_encrypt_v1}), which authenticate with an HMAC of the {@code auth} digest. The CBC
 * ciphers are for peers that do not negotiate an AEAD cipher ({@code data-ciphers-fallback},
 * {@code cipher} for a peer without NCP) or list only CBC in their {@code data-ciphers}.
 */
public enum DataCipher {
    AES_128_GCM(AeadAlgorithm.AES_128_GCM),
    AES_192_GCM(AeadAlgorithm.AES_192_GCM),
    AES_256_GCM(AeadAlgorithm.AES_256_GCM),
    CHACHA20_POLY1305(AeadAlgorithm.CHACHA20_POLY1305),
    AES_128_CBC("AES-128-CBC", 16),
    AES_192_CBC("AES-192-CBC", 24),
    AES_256_CBC("AES-256-CBC", 32);

    /** The AEAD ciphers, in declaration order. */
    public static final List<DataCipher> AEAD = Arrays.stream(values()).filter(DataCipher::isAead).toList();

    /** The AES block, which is also the length of a CBC packet's IV. */
    public static final int CBC_BLOCK = 16;

    private final String openvpnName;
    private final int keyLength;
    private final AeadAlgorithm aead;

    DataCipher(AeadAlgorithm aead) {
        this.openvpnName = aead.openvpnName();
        this.keyLength = aead.keyLength();
        this.aead = aead;
    }

    DataCipher(String openvpnName, int keyLength) {
        this.openvpnName = openvpnName;
        this.keyLength = keyLength;
        this.aead = null;
    }

    /** The name in {@code data-ciphers}, in a pushed {@code cipher} and in {@code IV_CIPHERS}. */
    public String openvpnName() {
        return openvpnName;
    }

    /** Bytes of cipher key, taken from the front of a key2 {@code cipher} slot. */
    public int keyLength() {
        return keyLength;
    }

    public boolean isAead() {
        return aead != null;
    }

    /**
     * The AEAD algorithm an {@link dev.culvert.spi.aead.AeadProvider} builds contexts for.
     *
     * @throws IllegalStateException for a CBC cipher, which has none
     */
    public AeadAlgorithm aead() {
        if (aead == null) {
            throw new IllegalStateException(openvpnName + " is not an AEAD cipher");
        }
        return aead;
    }

    /** The cipher for an AEAD algorithm. */
    public static DataCipher of(AeadAlgorithm algorithm) {
        for (DataCipher c : values()) {
            if (c.aead == algorithm) {
                return c;
            }
        }
        throw new IllegalArgumentException(algorithm.name());
    }

    /** The cipher with this OpenVPN name, case-insensitively, or {@code null}. */
    public static DataCipher byOpenvpnName(String name) {
        for (DataCipher c : values()) {
            if (c.openvpnName.equalsIgnoreCase(name)) {
                return c;
            }
        }
        return null;
    }
}

package dev.culvert.spi.aead;

/** The data-channel AEAD ciphers, by their OpenVPN names. All have a 12-byte nonce and a 16-byte tag. */
public enum AeadAlgorithm {
    AES_128_GCM("AES-128-GCM", 16),
    AES_192_GCM("AES-192-GCM", 24),
    AES_256_GCM("AES-256-GCM", 32),
    CHACHA20_POLY1305("CHACHA20-POLY1305", 32);

    public static final int NONCE_LENGTH = 12;
    public static final int TAG_LENGTH = 16;

    private final String openvpnName;
    private final int keyLength;

    AeadAlgorithm(String openvpnName, int keyLength) {
        this.openvpnName = openvpnName;
        this.keyLength = keyLength;
    }

    /** The name in {@code data-ciphers} and in a pushed {@code cipher}. */
    public String openvpnName() {
        return openvpnName;
    }

    public int keyLength() {
        return keyLength;
    }

    /** The algorithm with this OpenVPN name, case-insensitively, or {@code null}. */
    public static AeadAlgorithm byOpenvpnName(String name) {
        for (AeadAlgorithm a : values()) {
            if (a.openvpnName.equalsIgnoreCase(name)) {
                return a;
            }
        }
        return null;
    }
}

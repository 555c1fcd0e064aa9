package dev.culvert.vpn.pem;

import java.util.Arrays;

/**
 * One decoded {@code -----BEGIN type-----} … {@code -----END type-----} block. Its bytes may be
 * key material: whoever reads a block wipes it when done, and {@link #toString()} never shows them.
 */
final class PemBlock {
    private final String type;
    private final int line;
    private final boolean encrypted;
    private final byte[] der;

    PemBlock(String type, int line, boolean encrypted, byte[] der) {
        this.type = type;
        this.line = line;
        this.encrypted = encrypted;
        this.der = der;
    }

    /** The label between {@code BEGIN} and the dashes, e.g. {@code RSA PRIVATE KEY}. */
    String type() {
        return type;
    }

    /** The 1-based line of the {@code BEGIN} line within the text. */
    int line() {
        return line;
    }

    /** Whether RFC 1421 headers said {@code Proc-Type: 4,ENCRYPTED} (OpenSSL's legacy encrypted keys). */
    boolean encrypted() {
        return encrypted;
    }

    /** The decoded bytes themselves, not a copy. */
    byte[] der() {
        return der;
    }

    /** "the RSA PRIVATE KEY block on line 3", for messages. */
    String describe() {
        return "the " + type + " block on line " + line;
    }

    void wipe() {
        Arrays.fill(der, (byte) 0);
    }

    @Override
    public String toString() {
        return "PemBlock[" + type + ", line " + line + ", " + der.length + " bytes]";
    }
}

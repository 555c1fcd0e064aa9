package dev.culvert.vpn.pem;

import java.util.Arrays;

/** The private-key algorithm OIDs this package knows, as DER elements, and their JCA names. */
final class KeyAlgorithms {
    /** rsaEncryption, 1.2.840.113549.1.1.1. */
    static final byte[] RSA = {0x06, 0x09, 0x2A, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xF7, 0x0D, 0x01, 0x01, 0x01};
    /** id-RSASSA-PSS, 1.2.840.113549.1.1.10. */
    static final byte[] RSASSA_PSS = {0x06, 0x09, 0x2A, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xF7, 0x0D, 0x01, 0x01, 0x0A};
    /** id-ecPublicKey, 1.2.840.10045.2.1: the algorithm of every EC key, whatever the curve. */
    static final byte[] EC = {0x06, 0x07, 0x2A, (byte) 0x86, 0x48, (byte) 0xCE, 0x3D, 0x02, 0x01};
    /** id-Ed25519, 1.3.101.112. */
    static final byte[] ED25519 = {0x06, 0x03, 0x2B, 0x65, 0x70};
    /** id-Ed448, 1.3.101.113. */
    static final byte[] ED448 = {0x06, 0x03, 0x2B, 0x65, 0x71};
    /** The parameters of rsaEncryption. */
    static final byte[] DER_NULL = {0x05, 0x00};

    private KeyAlgorithms() {
    }

    /** The JCA key algorithm for an OID element, or null if this package does not load such keys. */
    static String jcaName(byte[] oid) {
        if (Arrays.equals(oid, RSA)) {
            return "RSA";
        }
        if (Arrays.equals(oid, RSASSA_PSS)) {
            return "RSASSA-PSS";
        }
        if (Arrays.equals(oid, EC)) {
            return "EC";
        }
        if (Arrays.equals(oid, ED25519)) {
            return "Ed25519";
        }
        if (Arrays.equals(oid, ED448)) {
            return "Ed448";
        }
        return null;
    }

    /** An OID element in dotted form, for messages ({@code 1.2.840.10045.2.1}); "?" if it is malformed. */
    static String dotted(byte[] oid) {
        if (oid.length < 3 || oid[0] != DerReader.OID || oid[1] != oid.length - 2) {
            return "?";
        }
        StringBuilder text = new StringBuilder();
        int first = oid[2] & 0xFF;
        int arc0 = Math.min(first / 40, 2);
        text.append(arc0).append('.').append(first - 40 * arc0);
        long value = 0;
        for (int i = 3; i < oid.length; i++) {
            value = (value << 7) | (oid[i] & 0x7F);
            if ((oid[i] & 0x80) == 0) {
                text.append('.').append(value);
                value = 0;
            } else if (value > (1L << 48)) {
                return "?";
            }
        }
        return text.toString();
    }
}

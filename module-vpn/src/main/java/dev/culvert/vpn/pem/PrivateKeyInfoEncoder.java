package dev.culvert.vpn.pem;

/**
 * Wraps a traditional private key (PKCS#1 RSA, SEC1 EC) in a PKCS#8 {@code PrivateKeyInfo}
 * (RFC 5208 §5), the only encoding the JDK's key factories read:
 * {@code SEQUENCE { INTEGER 0, SEQUENCE { algorithm OID, parameters }, OCTET STRING key }}.
 * Writes straight into one array so the key bytes are copied exactly once.
 */
final class PrivateKeyInfoEncoder {
    private static final byte[] VERSION_0 = {0x02, 0x01, 0x00};

    private PrivateKeyInfoEncoder() {
    }

    /**
     * @param algorithm  the algorithm's OID element (tag, length, value)
     * @param parameters the parameters element (DER NULL for RSA, the curve OID for EC)
     * @param key        the traditional key encoding, copied into the result (the caller wipes its own)
     */
    static byte[] wrap(byte[] algorithm, byte[] parameters, byte[] key) {
        int algorithmIdLength = algorithm.length + parameters.length;
        int octetStringLength = key.length;
        int contentLength = VERSION_0.length
                + 1 + DerWriter.lengthOfLength(algorithmIdLength) + algorithmIdLength
                + 1 + DerWriter.lengthOfLength(octetStringLength) + octetStringLength;
        byte[] out = new byte[1 + DerWriter.lengthOfLength(contentLength) + contentLength];
        int pos = DerWriter.header(out, 0, DerReader.SEQUENCE, contentLength);
        pos = copy(VERSION_0, out, pos);
        pos = DerWriter.header(out, pos, DerReader.SEQUENCE, algorithmIdLength);
        pos = copy(algorithm, out, pos);
        pos = copy(parameters, out, pos);
        pos = DerWriter.header(out, pos, DerReader.OCTET_STRING, octetStringLength);
        copy(key, out, pos);
        return out;
    }

    private static int copy(byte[] from, byte[] to, int pos) {
        System.arraycopy(from, 0, to, pos, from.length);
        return pos + from.length;
    }
}

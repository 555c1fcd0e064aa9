package dev.culvert.vpn.pem;

import java.io.ByteArrayOutputStream;

/**
 * Just enough DER (X.690) to write the few structures this package makes: definite lengths,
 * single-byte tags, and elements built from their already-encoded parts.
 */
final class DerWriter {
    static final int BOOLEAN = 0x01;
    static final int BIT_STRING = 0x03;
    static final int UTF8_STRING = 0x0C;
    static final int UTC_TIME = 0x17;
    static final int GENERALIZED_TIME = 0x18;
    static final int SET = 0x31;
    /** {@code [3]} constructed, as a certificate's {@code extensions} field. */
    static final int CONTEXT_3 = 0xA3;
    /** DER's TRUE: a BOOLEAN of one byte, all ones. */
    static final byte[] TRUE = {BOOLEAN, 0x01, (byte) 0xFF};

    private DerWriter() {
    }

    /** The element {@code tag} holding {@code parts}, each a whole encoded element or raw content, one after another. */
    static byte[] element(int tag, byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] out = new byte[1 + lengthOfLength(length) + length];
        int pos = header(out, 0, tag, length);
        for (byte[] part : parts) {
            System.arraycopy(part, 0, out, pos, part.length);
            pos += part.length;
        }
        return out;
    }

    /** An OBJECT IDENTIFIER element for dotted text such as {@code 2.5.4.3}. */
    static byte[] oid(String dotted) {
        String[] arcs = dotted.split("\\.");
        if (arcs.length < 2) {
            throw new IllegalArgumentException("an OID has at least two arcs: " + dotted);
        }
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        base128(content, 40 * Long.parseLong(arcs[0]) + Long.parseLong(arcs[1]));
        for (int i = 2; i < arcs.length; i++) {
            base128(content, Long.parseLong(arcs[i]));
        }
        return element(DerReader.OID, content.toByteArray());
    }

    private static void base128(ByteArrayOutputStream out, long arc) {
        int groups = 1;
        while (groups < 10 && arc >>> (7 * groups) != 0) {
            groups++;
        }
        for (int g = groups - 1; g >= 0; g--) {
            out.write((int) ((arc >>> (7 * g)) & 0x7F) | (g == 0 ? 0 : 0x80));
        }
    }

    /** The bytes a length takes: one below 128, else a count byte and the length's own bytes. */
    static int lengthOfLength(int length) {
        if (length < 0x80) {
            return 1;
        }
        if (length < 0x100) {
            return 2;
        }
        return length < 0x10000 ? 3 : 4;
    }

    /** Writes {@code tag} and {@code length} at {@code pos}; the position of the content. */
    static int header(byte[] out, int pos, int tag, int length) {
        out[pos++] = (byte) tag;
        int extra = lengthOfLength(length) - 1;
        if (extra == 0) {
            out[pos++] = (byte) length;
            return pos;
        }
        out[pos++] = (byte) (0x80 | extra);
        for (int shift = 8 * (extra - 1); shift >= 0; shift -= 8) {
            out[pos++] = (byte) (length >>> shift);
        }
        return pos;
    }
}

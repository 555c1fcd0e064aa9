package dev.culvert.vpn.pem;

import java.util.Arrays;

/**
 * Just enough DER (X.690) to find the fields this package needs in key structures: tag-length-value
 * elements read in place, every length checked against what encloses it. Definite lengths only,
 * single-byte tags only (all the structures read here use nothing else).
 */
final class DerReader {
    static final int INTEGER = 0x02;
    static final int OCTET_STRING = 0x04;
    static final int OID = 0x06;
    static final int SEQUENCE = 0x30;
    /** {@code [0]} constructed, as SEC1's {@code parameters} field. */
    static final int CONTEXT_0 = 0xA0;

    private final byte[] bytes;
    private int pos;
    private final int end;

    /** Thrown for any malformed input; callers turn it into a message about the block it came from. */
    static final class MalformedDerException extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedDerException(String problem) {
            super(problem, null, false, false);
        }
    }

    DerReader(byte[] bytes) {
        this(bytes, 0, bytes.length);
    }

    private DerReader(byte[] bytes, int from, int end) {
        this.bytes = bytes;
        this.pos = from;
        this.end = end;
    }

    boolean hasMore() {
        return pos < end;
    }

    /** The tag of the next element, without consuming it. */
    int peekTag() throws MalformedDerException {
        if (pos >= end) {
            throw new MalformedDerException("ends early");
        }
        return bytes[pos] & 0xFF;
    }

    /** Consumes the next element, which must have {@code tag}, and reads inside it. */
    DerReader enter(int tag) throws MalformedDerException {
        header(tag);
        int length = lengthAt();
        int contentEnd = pos + length;
        DerReader inner = new DerReader(bytes, pos, contentEnd);
        pos = contentEnd;
        return inner;
    }

    /** Consumes the next element, which must have {@code tag}, and copies it whole (tag, length, value). */
    byte[] readElement(int tag) throws MalformedDerException {
        int start = pos;
        header(tag);
        int length = lengthAt();
        int contentEnd = pos + length;
        byte[] element = Arrays.copyOfRange(bytes, start, contentEnd);
        pos = contentEnd;
        return element;
    }

    /** Consumes the next element whatever its tag. */
    void skip() throws MalformedDerException {
        header(peekTag());
        int length = lengthAt();
        pos += length;
    }

    /** Nothing may follow the last expected element. */
    void expectEnd() throws MalformedDerException {
        if (pos != end) {
            throw new MalformedDerException((end - pos) + " unexpected bytes follow the structure");
        }
    }

    private void header(int tag) throws MalformedDerException {
        if (peekTag() != tag) {
            throw new MalformedDerException(String.format("expected tag 0x%02x, found 0x%02x", tag, peekTag()));
        }
        pos++;
    }

    /** Reads a length at {@code pos}, leaves {@code pos} at the content, and checks the content fits. */
    private int lengthAt() throws MalformedDerException {
        if (pos >= end) {
            throw new MalformedDerException("ends early");
        }
        int first = bytes[pos++] & 0xFF;
        int length;
        if (first < 0x80) {
            length = first;
        } else {
            int count = first & 0x7F;
            if (count == 0 || count > 3) {
                // 0 is BER's indefinite length; more than 3 bytes would be over 16 MB.
                throw new MalformedDerException("unsupported length encoding");
            }
            if (end - pos < count) {
                throw new MalformedDerException("ends early");
            }
            length = 0;
            for (int i = 0; i < count; i++) {
                length = (length << 8) | (bytes[pos++] & 0xFF);
            }
        }
        if (length > end - pos) {
            throw new MalformedDerException("ends early (an element claims " + length + " bytes, " + (end - pos) + " remain)");
        }
        return length;
    }
}

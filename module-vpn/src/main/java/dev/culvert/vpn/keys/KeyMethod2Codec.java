package dev.culvert.vpn.keys;

import dev.culvert.core.graph.DropReason;
import java.nio.charset.StandardCharsets;

/**
 * Writes and reads the key-method-2 message (ssl.c {@code key_method_2_write/read}):
 *
 * <pre>
 * 00 00 00 00 | 02 | [pre_master 48, client only] | random1 32 | random2 32
 *             | options | username | password | peer-info
 * </pre>
 *
 * Each string is a big-endian uint16 length that counts the terminating NUL, then the bytes and
 * the NUL; an empty string is written as length 0 (as 2.6 does) and read as either length 0 or
 * length 1 with a lone NUL. Username and password are the exception when the message has
 * {@link Credentials}: 2.6's {@code write_string} gives each its NUL even when empty. Like 2.6 the reader ignores the leading four bytes and the high
 * flag bits of the method byte, requires the options string, treats missing trailing strings (username, password, peer-info)
 * as empty and ignores anything after peer-info; it takes a string's text up to its first NUL.
 * Text is UTF-8.
 */
public final class KeyMethod2Codec {
    /** The receiver's TLS plaintext buffer in 2.6 ({@code TLS_CHANNEL_BUF_SIZE}). */
    public static final int MAX_MESSAGE = 2048;
    /** {@code TLS_OPTIONS_LEN}, counting the NUL. */
    public static final int MAX_OPTIONS = 512;
    /** {@code USER_PASS_LEN}, counting the NUL. */
    public static final int MAX_USER_PASS = 128;
    static final int KEY_METHOD = 2;
    private static final int KEY_METHOD_MASK = 0x0F;

    /** The outcome of {@link #read}: a message, or the reason it was refused. */
    public record Read(KeyMethod2Message message, DropReason reject) {
        public boolean ok() {
            return message != null;
        }
    }

    private KeyMethod2Codec() {
    }

    /**
     * The message's bytes, to be written as one TLS record.
     *
     * @throws IllegalArgumentException if a string breaks its limit or the whole exceeds 2048 bytes
     */
    public static byte[] write(KeyMethod2Message message) {
        byte[] options = encode(message.options(), MAX_OPTIONS, "options");
        Credentials credentials = message.credentials();
        byte[] user = encode(message.username(), MAX_USER_PASS, "username");
        byte[] pass = credentials == null ? new byte[0] : checked(credentials.password().clone(), MAX_USER_PASS, "password");
        boolean always = credentials != null;
        try {
            byte[] info = encode(message.peerInfo(), MAX_MESSAGE, "peer-info");
            int preMaster = message.fromClient() ? KeyMethod2Message.PRE_MASTER_LENGTH : 0;
            int total = 5 + preMaster + 2 * KeyMethod2Message.RANDOM_LENGTH
                    + stringSize(options) + stringSize(user, always) + stringSize(pass, always) + stringSize(info);
            if (total > MAX_MESSAGE) {
                throw new IllegalArgumentException("key-method-2 message of " + total + " bytes exceeds " + MAX_MESSAGE);
            }
            byte[] out = new byte[total];
            int at = 4;
            out[at++] = KEY_METHOD;
            if (message.fromClient()) {
                System.arraycopy(message.preMaster(), 0, out, at, preMaster);
                at += preMaster;
            }
            System.arraycopy(message.random1(), 0, out, at, KeyMethod2Message.RANDOM_LENGTH);
            at += KeyMethod2Message.RANDOM_LENGTH;
            System.arraycopy(message.random2(), 0, out, at, KeyMethod2Message.RANDOM_LENGTH);
            at += KeyMethod2Message.RANDOM_LENGTH;
            at = putString(out, at, options);
            at = putString(out, at, user, always);
            at = putString(out, at, pass, always);
            putString(out, at, info);
            return out;
        } finally {
            java.util.Arrays.fill(pass, (byte) 0);
        }
    }

    private static byte[] encode(String s, int limit, String what) {
        return checked(s.getBytes(StandardCharsets.UTF_8), limit, what);
    }

    /** {@code b} if it fits {@code limit} with its NUL and has no NUL of its own; wiped and refused otherwise. */
    private static byte[] checked(byte[] b, int limit, String what) {
        if (b.length > 0 && b.length + 1 > limit) {
            java.util.Arrays.fill(b, (byte) 0);
            throw new IllegalArgumentException(what + " of " + b.length + " bytes exceeds " + (limit - 1));
        }
        for (byte c : b) {
            if (c == 0) {
                java.util.Arrays.fill(b, (byte) 0);
                throw new IllegalArgumentException(what + " contains a NUL");
            }
        }
        return b;
    }

    private static int stringSize(byte[] s) {
        return stringSize(s, false);
    }

    /** With {@code alwaysNul} an empty string is written as 2.6's {@code write_string} does: length 1, a NUL. */
    private static int stringSize(byte[] s, boolean alwaysNul) {
        return s.length == 0 && !alwaysNul ? 2 : 2 + s.length + 1;
    }

    private static int putString(byte[] out, int at, byte[] s) {
        return putString(out, at, s, false);
    }

    private static int putString(byte[] out, int at, byte[] s, boolean alwaysNul) {
        int len = s.length == 0 && !alwaysNul ? 0 : s.length + 1;
        out[at] = (byte) (len >>> 8);
        out[at + 1] = (byte) len;
        System.arraycopy(s, 0, out, at + 2, s.length);
        return at + 2 + len;
    }

    /**
     * Reads the message in {@code in[offset, offset + length)}.
     *
     * @param fromClient whether the sender is the TLS client (its message has a pre-master secret)
     */
    public static Read read(byte[] in, int offset, int length, boolean fromClient) {
        if (length > MAX_MESSAGE) {
            return new Read(null, KeyMethod2Rejects.TOO_LONG);
        }
        Cursor c = new Cursor(in, offset, length);
        int fixed = 5 + (fromClient ? KeyMethod2Message.PRE_MASTER_LENGTH : 0) + 2 * KeyMethod2Message.RANDOM_LENGTH;
        if (length < fixed) {
            return new Read(null, KeyMethod2Rejects.TRUNCATED);
        }
        c.at += 4;
        if ((in[c.at++] & KEY_METHOD_MASK) != KEY_METHOD) {
            return new Read(null, KeyMethod2Rejects.BAD_METHOD);
        }
        byte[] preMaster = fromClient ? c.take(KeyMethod2Message.PRE_MASTER_LENGTH) : null;
        byte[] random1 = c.take(KeyMethod2Message.RANDOM_LENGTH);
        byte[] random2 = c.take(KeyMethod2Message.RANDOM_LENGTH);
        try {
            String options = c.end - c.at < 2 ? c.fail(KeyMethod2Rejects.TRUNCATED)
                    : c.string(MAX_OPTIONS, KeyMethod2Rejects.OPTIONS_TOO_LONG);
            String user = options == null ? null : c.string(MAX_USER_PASS, KeyMethod2Rejects.USERNAME_TOO_LONG);
            String pass = user == null ? null : c.string(MAX_USER_PASS, KeyMethod2Rejects.PASSWORD_TOO_LONG);
            String info = pass == null ? null : c.string(MAX_MESSAGE, KeyMethod2Rejects.TOO_LONG);
            if (info == null) {
                return new Read(null, c.reject);
            }
            return new Read(new KeyMethod2Message(preMaster, random1, random2, options, user, pass, info), null);
        } finally {
            if (preMaster != null) {
                java.util.Arrays.fill(preMaster, (byte) 0);
            }
            java.util.Arrays.fill(random1, (byte) 0);
            java.util.Arrays.fill(random2, (byte) 0);
        }
    }

    /** A read position over the message; strings past the end read as empty, as in 2.6. */
    private static final class Cursor {
        final byte[] in;
        final int end;
        int at;
        DropReason reject;

        Cursor(byte[] in, int offset, int length) {
            this.in = in;
            this.at = offset;
            this.end = offset + length;
        }

        byte[] take(int n) {
            byte[] out = java.util.Arrays.copyOfRange(in, at, at + n);
            at += n;
            return out;
        }

        String fail(DropReason why) {
            reject = why;
            return null;
        }

        /** The next string, or {@code null} with {@link #reject} set. */
        String string(int limit, DropReason tooLong) {
            if (end - at < 2) {
                at = end;
                return "";
            }
            int len = ((in[at] & 0xff) << 8) | (in[at + 1] & 0xff);
            at += 2;
            if (len > limit) {
                reject = tooLong;
                return null;
            }
            if (len > end - at) {
                reject = KeyMethod2Rejects.TRUNCATED;
                return null;
            }
            int textEnd = at;
            int last = at + Math.max(0, len - 1);
            while (textEnd < last && in[textEnd] != 0) {
                textEnd++;
            }
            String s = new String(in, at, textEnd - at, StandardCharsets.UTF_8);
            at += len;
            return s;
        }
    }
}

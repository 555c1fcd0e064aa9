package dev.culvert.vpn.push;

import dev.culvert.core.graph.DropReason;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Splitting a TLS plaintext record into control messages the way 2.6 reads them (ssl_pkt.c
 * {@code extract_command_buffer}): a message ends at a NUL, and a trailing piece without one is
 * dropped; trailing CR and LF are stripped, empty pieces skipped, and a message with a control
 * character (below 0x20, or DEL) is dropped. Bytes from 0x80 up pass, as 2.6's {@code CC_PRINT}
 * lets UTF-8 through; text is decoded as UTF-8. A record longer than 2048 bytes is refused whole.
 * Writing: one message, NUL-terminated, per TLS record.
 */
public final class ControlMessages {
    /** A message with a control character, dropped as 2.6 drops it. */
    public static final DropReason NON_PRINTABLE = DropReason.of("vpn.control.non-printable");
    /** Bytes after the last NUL of a record, which 2.6 discards. */
    public static final DropReason UNTERMINATED = DropReason.of("vpn.control.unterminated");
    /** A TLS plaintext record longer than 2.6 would read. */
    public static final DropReason RECORD_TOO_LONG = DropReason.of("vpn.control.record-too-long");
    /** The largest record 2.6 reads ({@code TLS_CHANNEL_BUF_SIZE}). */
    public static final int MAX_RECORD = 2048;

    /**
     * The messages of one record; how many pieces were dropped for a control character (count
     * each as {@link #NON_PRINTABLE}); whether a trailing piece lacked its NUL
     * ({@link #UNTERMINATED}); whether the whole record was refused ({@link #RECORD_TOO_LONG}).
     */
    public record Split(List<String> messages, int nonPrintable, boolean unterminated, boolean tooLong) {
    }

    private ControlMessages() {
    }

    public static Split split(byte[] record, int offset, int length) {
        List<String> out = new ArrayList<>();
        if (length > MAX_RECORD) {
            return new Split(out, 0, false, true);
        }
        int dropped = 0;
        int end = offset + length;
        int start = offset;
        while (start < end) {
            int nul = start;
            while (nul < end && record[nul] != 0) {
                nul++;
            }
            if (nul == end) {
                return new Split(out, dropped, true, false);
            }
            int stop = nul;
            while (stop > start && (record[stop - 1] == '\r' || record[stop - 1] == '\n')) {
                stop--;
            }
            if (stop > start) {
                if (printable(record, start, stop)) {
                    out.add(new String(record, start, stop - start, StandardCharsets.UTF_8));
                } else {
                    dropped++;
                }
            }
            start = nul + 1;
        }
        return new Split(out, dropped, false, false);
    }

    private static boolean printable(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            int c = b[i] & 0xff;
            if (c < 0x20 || c == 0x7f) {
                return false;
            }
        }
        return true;
    }

    /** The bytes of one outgoing message: its UTF-8 text and a NUL. */
    public static byte[] encode(String message) {
        for (int i = 0; i < message.length(); i++) {
            char c = message.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw new IllegalArgumentException("control messages carry no control characters: " + message);
            }
        }
        byte[] text = message.getBytes(StandardCharsets.UTF_8);
        if (text.length + 1 > MAX_RECORD) {
            throw new IllegalArgumentException("control message of " + text.length + " bytes exceeds " + (MAX_RECORD - 1));
        }
        byte[] out = new byte[text.length + 1];
        System.arraycopy(text, 0, out, 0, text.length);
        return out;
    }
}

package dev.culvert.core.embed;

import dev.culvert.core.checksum.InternetChecksum;
import java.util.Arrays;

/**
 * The IPv4 header every trial packet starts with, UDP or TCP alike: between documentation
 * addresses, identified by its sequence number, with a valid header checksum.
 */
final class TrialHeader {
    private TrialHeader() {
    }

    /**
     * Clears {@code buf} up to {@code total} and writes a 20-byte IPv4 header for a packet of
     * {@code total} bytes carrying {@code protocol}, its id the low bits of {@code seq}.
     */
    static void write(byte[] buf, int total, long seq, int protocol) {
        Arrays.fill(buf, 0, total, (byte) 0);
        buf[0] = 0x45;
        buf[2] = (byte) (total >>> 8);
        buf[3] = (byte) total;
        buf[4] = (byte) (seq >>> 8);
        buf[5] = (byte) seq;
        buf[8] = 64;
        buf[9] = (byte) protocol;
        putInt(buf, 12, 0xC0000201); // 192.0.2.1, documentation range
        putInt(buf, 16, 0xC6336401); // 198.51.100.1
        long sum = 0;
        for (int i = 0; i < 20; i += 2) {
            sum += ((buf[i] & 0xff) << 8) | (buf[i + 1] & 0xff);
        }
        int checksum = InternetChecksum.finish(sum);
        buf[10] = (byte) (checksum >>> 8);
        buf[11] = (byte) checksum;
    }

    static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }
}

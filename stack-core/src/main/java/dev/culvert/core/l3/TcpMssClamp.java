package dev.culvert.core.l3;

import dev.culvert.core.checksum.InternetChecksum;
import dev.culvert.core.packet.Packet;

/**
 * Lowers the MSS option of a TCP SYN or SYN-ACK in place, as OpenVPN's {@code mssfix} does, so
 * that segments fit the tunnel without fragmentation. Shared by the IPv4 and IPv6 modules.
 *
 * <p>The option list is walked once, bounded by the TCP data offset, and checked completely before
 * anything is written: a malformed list (an option running past the header, a length below 2, an
 * MSS option whose length is not 4) leaves the segment untouched and is reported as
 * {@link Result#MALFORMED}; the receiving host is the one to reject it. The TCP checksum is
 * updated incrementally (RFC 1624), so the cost does not depend on the segment's size.
 */
public final class TcpMssClamp {
    /** What {@link #clamp} did. */
    public enum Result {
        /** The MSS was above the limit and now equals it. */
        CLAMPED,
        /** A SYN whose MSS was within the limit, or that carried none. */
        UNCHANGED,
        /** Not a SYN: MSS is only negotiated on SYNs. */
        NOT_SYN,
        /** The TCP header or its options do not parse; nothing was written. */
        MALFORMED
    }

    static final int MIN_HEADER = 20;
    private static final int SYN = 0x02;
    private static final int OPTION_END = 0;
    private static final int OPTION_NOP = 1;
    private static final int OPTION_MSS = 2;
    private static final int CHECKSUM = 16;

    private TcpMssClamp() {
    }

    /**
     * Clamps the MSS of the TCP segment at {@code tcpOffset} of the packet's window, which is
     * {@code tcpLength} bytes long (checked against the window here), to {@code maxMss}.
     */
    public static Result clamp(Packet packet, int tcpOffset, int tcpLength, int maxMss) {
        if (tcpOffset < 0 || tcpLength < MIN_HEADER || tcpLength > packet.length() - tcpOffset) {
            return Result.MALFORMED;
        }
        if ((packet.getUnsignedByte(tcpOffset + 13) & SYN) == 0) {
            return Result.NOT_SYN;
        }
        int dataOffset = (packet.getUnsignedByte(tcpOffset + 12) >>> 4) * 4;
        if (dataOffset < MIN_HEADER || dataOffset > tcpLength) {
            return Result.MALFORMED;
        }
        int mssAt = -1;
        int i = MIN_HEADER;
        while (i < dataOffset) {
            int kind = packet.getUnsignedByte(tcpOffset + i);
            if (kind == OPTION_END) {
                break;
            }
            if (kind == OPTION_NOP) {
                i++;
                continue;
            }
            if (i + 1 >= dataOffset) {
                return Result.MALFORMED;
            }
            int length = packet.getUnsignedByte(tcpOffset + i + 1);
            if (length < 2 || i + length > dataOffset) {
                return Result.MALFORMED;
            }
            if (kind == OPTION_MSS) {
                if (length != 4) {
                    return Result.MALFORMED;
                }
                if (mssAt < 0) {
                    mssAt = i + 2;
                }
            }
            i += length;
        }
        if (mssAt < 0 || maxMss <= 0) {
            return Result.UNCHANGED;
        }
        int mss = packet.getUnsignedShort(tcpOffset + mssAt);
        if (mss <= maxMss) {
            return Result.UNCHANGED;
        }
        int clamped = Math.min(maxMss, 0xffff);
        packet.putShort(tcpOffset + mssAt, clamped);
        int checksum = packet.getUnsignedShort(tcpOffset + CHECKSUM);
        packet.putShort(tcpOffset + CHECKSUM, InternetChecksum.updateAt(checksum, mssAt, mss, clamped));
        return Result.CLAMPED;
    }
}

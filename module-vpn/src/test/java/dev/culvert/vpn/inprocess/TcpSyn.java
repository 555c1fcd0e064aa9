package dev.culvert.vpn.inprocess;

import java.nio.ByteBuffer;

/** IPv4 TCP SYNs and SYN-ACKs carrying an MSS option, as bytes with valid checksums, and a reader for their MSS. */
final class TcpSyn {
    static final int SYN = 0x02;
    static final int SYN_ACK = 0x12;
    private static final int IP_HEADER = 20;
    private static final int TCP_HEADER = 24;
    private static final int PROTOCOL_TCP = 6;

    private TcpSyn() {
    }

    /** A segment with {@code flags} from {@code source}:40000 to {@code destination}:80 announcing {@code mss}. */
    static byte[] of(int flags, int source, int destination, int mss) {
        ByteBuffer b = ByteBuffer.allocate(IP_HEADER + TCP_HEADER);
        b.put((byte) 0x45).put((byte) 0).putShort((short) b.capacity()).putShort((short) 7).putShort((short) 0x4000)
                .put((byte) 64).put((byte) PROTOCOL_TCP).putShort((short) 0).putInt(source).putInt(destination);
        b.putShort(10, (short) checksum(b.array(), 0, IP_HEADER, 0));
        b.putShort((short) 40000).putShort((short) 80).putInt(1000).putInt(flags == SYN_ACK ? 2000 : 0)
                .put((byte) ((TCP_HEADER / 4) << 4)).put((byte) flags).putShort((short) 64240).putShort((short) 0).putShort((short) 0)
                .put((byte) 2).put((byte) 4).putShort((short) mss);
        long pseudo = ((source >>> 16) & 0xffff) + (source & 0xffff) + ((destination >>> 16) & 0xffff) + (destination & 0xffff)
                + PROTOCOL_TCP + TCP_HEADER;
        b.putShort(IP_HEADER + 16, (short) checksum(b.array(), IP_HEADER, TCP_HEADER, pseudo));
        return b.array();
    }

    /** Whether {@code packet} is an IPv4 TCP segment with the SYN flag. */
    static boolean isSyn(byte[] packet) {
        return packet != null && packet.length >= IP_HEADER + TCP_HEADER && (packet[0] & 0xff) == 0x45
                && packet[9] == PROTOCOL_TCP && (packet[IP_HEADER + 13] & SYN) != 0;
    }

    /** The MSS option's value of a segment made by {@link #of}. */
    static int mss(byte[] packet) {
        return ByteBuffer.wrap(packet).getShort(IP_HEADER + 22) & 0xffff;
    }

    /** Whether the TCP checksum of a segment made by {@link #of} still verifies. */
    static boolean checksumVerifies(byte[] packet) {
        ByteBuffer b = ByteBuffer.wrap(packet);
        int source = b.getInt(12);
        int destination = b.getInt(16);
        long pseudo = ((source >>> 16) & 0xffff) + (source & 0xffff) + ((destination >>> 16) & 0xffff) + (destination & 0xffff)
                + PROTOCOL_TCP + TCP_HEADER;
        return checksum(packet, IP_HEADER, TCP_HEADER, pseudo) == 0;
    }

    private static int checksum(byte[] bytes, int from, int length, long initial) {
        long sum = initial;
        for (int i = 0; i + 1 < length; i += 2) {
            sum += (bytes[from + i] & 0xff) << 8 | (bytes[from + i + 1] & 0xff);
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return (int) (~sum & 0xffff);
    }
}

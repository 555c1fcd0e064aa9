package dev.culvert.vpn.inprocess;

import dev.culvert.spi.route.Prefix;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** IPv6 UDP datagrams as bytes, with a valid UDP checksum, and a reader for their addresses and text. */
final class Udp6 {
    private static final int HEADER = 40;
    private static final int UDP_HEADER = 8;
    private static final int UDP = 17;

    private Udp6() {
    }

    /** A datagram from {@code source} to {@code destination} (IPv6 host prefixes) carrying {@code text}. */
    static byte[] of(Prefix source, Prefix destination, String text) {
        byte[] payload = text.getBytes(StandardCharsets.US_ASCII);
        int udpLength = UDP_HEADER + payload.length;
        ByteBuffer b = ByteBuffer.allocate(HEADER + udpLength);
        b.putInt(0x6000_0000).putShort((short) udpLength).put((byte) UDP).put((byte) 64)
                .putLong(source.hi()).putLong(source.lo()).putLong(destination.hi()).putLong(destination.lo());
        b.putShort((short) 4000).putShort((short) 5000).putShort((short) udpLength).putShort((short) 0).put(payload);
        // The pseudo-header (addresses, length, next header) then the datagram, as RFC 8200 section 8.1 sums them.
        ByteBuffer pseudo = ByteBuffer.allocate(40 + udpLength);
        pseudo.put(b.array(), 8, 32).putInt(udpLength).putInt(UDP).put(b.array(), HEADER, udpLength);
        int sum = Ping.checksum(pseudo.array(), 0, pseudo.capacity());
        b.putShort(HEADER + 6, (short) (sum == 0 ? 0xffff : sum));
        return b.array();
    }

    static boolean isIpv6(byte[] packet) {
        return packet.length >= HEADER && (packet[0] & 0xf0) == 0x60;
    }

    static Prefix source(byte[] packet) {
        ByteBuffer b = ByteBuffer.wrap(packet);
        return Prefix.host(6, b.getLong(8), b.getLong(16));
    }

    static Prefix destination(byte[] packet) {
        ByteBuffer b = ByteBuffer.wrap(packet);
        return Prefix.host(6, b.getLong(24), b.getLong(32));
    }

    static String text(byte[] packet) {
        return new String(packet, HEADER + UDP_HEADER, packet.length - HEADER - UDP_HEADER, StandardCharsets.US_ASCII);
    }
}

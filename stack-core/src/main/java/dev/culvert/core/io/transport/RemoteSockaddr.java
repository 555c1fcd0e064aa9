package dev.culvert.core.io.transport;

import dev.culvert.core.io.nativeio.Linux;
import dev.culvert.core.io.nativeio.SocketAddresses;
import dev.culvert.core.packet.RemoteAddress;
import java.nio.ByteBuffer;

/**
 * Copies a struct sockaddr_in / sockaddr_in6 into a packet's {@link RemoteAddress} and back,
 * field by field, so a datagram's sender travels with it and can be answered without a handle.
 * Nothing here allocates.
 */
final class RemoteSockaddr {
    private RemoteSockaddr() {
    }

    /** Records the sockaddr at {@code at} in {@code into}; clears it for a family that is neither IPv4 nor IPv6. */
    static void read(ByteBuffer buf, int at, RemoteAddress into) {
        int family = SocketAddresses.family(buf, at);
        int port = SocketAddresses.port(buf, at);
        if (family == Linux.AF_INET) {
            into.setIpv4(bigEndianInt(buf, at + 4), port);
        } else if (family == Linux.AF_INET6) {
            into.setIpv6(bigEndianLong(buf, at + 8), bigEndianLong(buf, at + 16), port, buf.getInt(at + 24));
        } else {
            into.clear();
        }
    }

    /** Writes {@code address} as a sockaddr at {@code at}; returns its length, 0 if none is recorded. */
    static int write(RemoteAddress address, ByteBuffer buf, int at) {
        if (!address.isSet()) {
            return 0;
        }
        for (int i = 0; i < SocketAddresses.MAX_LENGTH; i++) {
            buf.put(at + i, (byte) 0);
        }
        int port = address.port();
        buf.put(at + 2, (byte) (port >>> 8));
        buf.put(at + 3, (byte) port);
        if (address.isIpv4()) {
            buf.putShort(at, (short) Linux.AF_INET);
            putBigEndianInt(buf, at + 4, address.ipv4());
            return SocketAddresses.IPV4_LENGTH;
        }
        buf.putShort(at, (short) Linux.AF_INET6);
        putBigEndianInt(buf, at + 8, (int) (address.high() >>> 32));
        putBigEndianInt(buf, at + 12, (int) address.high());
        putBigEndianInt(buf, at + 16, (int) (address.low() >>> 32));
        putBigEndianInt(buf, at + 20, (int) address.low());
        buf.putInt(at + 24, address.scope());
        return SocketAddresses.IPV6_LENGTH;
    }

    private static long bigEndianLong(ByteBuffer buf, int at) {
        return ((long) bigEndianInt(buf, at) << 32) | (bigEndianInt(buf, at + 4) & 0xFFFF_FFFFL);
    }

    private static int bigEndianInt(ByteBuffer buf, int at) {
        return ((buf.get(at) & 0xff) << 24) | ((buf.get(at + 1) & 0xff) << 16) | ((buf.get(at + 2) & 0xff) << 8)
                | (buf.get(at + 3) & 0xff);
    }

    private static void putBigEndianInt(ByteBuffer buf, int at, int v) {
        buf.put(at, (byte) (v >>> 24));
        buf.put(at + 1, (byte) (v >>> 16));
        buf.put(at + 2, (byte) (v >>> 8));
        buf.put(at + 3, (byte) v);
    }
}

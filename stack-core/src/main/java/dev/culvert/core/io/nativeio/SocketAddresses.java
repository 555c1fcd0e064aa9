package dev.culvert.core.io.nativeio;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;

/**
 * Writes and reads struct sockaddr_in / sockaddr_in6 in a direct buffer. The family is in host
 * byte order, the port and address in network order, as the kernel lays them out.
 */
public final class SocketAddresses {
    /** Room for the larger of the two: sizeof(struct sockaddr_in6), rounded up to 8. */
    public static final int MAX_LENGTH = 32;
    public static final int IPV4_LENGTH = 16;
    public static final int IPV6_LENGTH = 28;

    private SocketAddresses() {
    }

    /** Writes {@code address} at {@code at}; returns the struct's length. */
    public static int write(ByteBuffer buf, int at, InetSocketAddress address) {
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("unresolved address " + address + ": resolve it on the control executor first");
        }
        for (int i = 0; i < MAX_LENGTH; i++) {
            buf.put(at + i, (byte) 0);
        }
        InetAddress ip = address.getAddress();
        int port = address.getPort();
        if (ip instanceof Inet4Address) {
            buf.putShort(at, (short) Linux.AF_INET);
            putPort(buf, at + 2, port);
            byte[] raw = ip.getAddress();
            for (int i = 0; i < 4; i++) {
                buf.put(at + 4 + i, raw[i]);
            }
            return IPV4_LENGTH;
        }
        Inet6Address ip6 = (Inet6Address) ip;
        buf.putShort(at, (short) Linux.AF_INET6);
        putPort(buf, at + 2, port);
        byte[] raw = ip6.getAddress();
        for (int i = 0; i < 16; i++) {
            buf.put(at + 8 + i, raw[i]);
        }
        buf.putInt(at + 24, ip6.getScopeId());
        return IPV6_LENGTH;
    }

    private static void putPort(ByteBuffer buf, int at, int port) {
        buf.put(at, (byte) (port >>> 8));
        buf.put(at + 1, (byte) port);
    }

    /** The address family at {@code at}. */
    public static int family(ByteBuffer buf, int at) {
        return buf.getShort(at) & 0xffff;
    }

    /** The port at {@code at}, in host terms. */
    public static int port(ByteBuffer buf, int at) {
        return ((buf.get(at + 2) & 0xff) << 8) | (buf.get(at + 3) & 0xff);
    }

    /** Reads the sockaddr at {@code at} into a new address object (control path: it allocates). */
    public static InetSocketAddress read(ByteBuffer buf, int at) {
        int family = family(buf, at);
        try {
            if (family == Linux.AF_INET) {
                byte[] raw = new byte[4];
                buf.get(at + 4, raw);
                return new InetSocketAddress(InetAddress.getByAddress(raw), port(buf, at));
            }
            if (family == Linux.AF_INET6) {
                byte[] raw = new byte[16];
                buf.get(at + 8, raw);
                int scope = buf.getInt(at + 24);
                InetAddress ip = scope == 0 ? InetAddress.getByAddress(raw) : Inet6Address.getByAddress(null, raw, scope);
                return new InetSocketAddress(ip, port(buf, at));
            }
        } catch (UnknownHostException e) {
            throw new IllegalStateException("address of wrong length", e);
        }
        throw new IllegalArgumentException("address family " + family);
    }
}

package dev.culvert.core.packet;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * The socket address a datagram came from, as numbers kept in the packet itself: the address as
 * two longs in network order (an IPv4 address IPv4-mapped, {@code ::ffff:a.b.c.d}), the port and
 * the IPv6 scope. A datagram transport fills it on receive, so a sender that is not yet a peer
 * (it has no handle) can still be answered, checked against a cookie or learned, and nothing is
 * allocated or locked for it.
 *
 * <p>One per pooled packet, cleared when the packet is acquired; {@link #isSet()} is false until
 * a transport filled it. Only {@link #toInetSocketAddress()} allocates: for the control path.
 */
public final class RemoteAddress {
    private static final long MAPPED_PREFIX = 0xFFFF_0000_0000L;

    private boolean set;
    private boolean ipv4;
    private long high;
    private long low;
    private int port;
    private int scope;

    RemoteAddress() {
    }

    /** A holder of its own, for callers that convert an address outside any packet (tests, the control path). */
    public static RemoteAddress holder() {
        return new RemoteAddress();
    }

    public void clear() {
        set = false;
        ipv4 = false;
        high = low = 0;
        port = scope = 0;
    }

    /** Records an IPv4 source: {@code address} in the low 32 bits, network order. */
    public void setIpv4(int address, int port) {
        this.set = true;
        this.ipv4 = true;
        this.high = 0;
        this.low = MAPPED_PREFIX | (address & 0xFFFF_FFFFL);
        this.port = port & 0xFFFF;
        this.scope = 0;
    }

    /** Records an IPv6 source: its 16 bytes as two big-endian longs. */
    public void setIpv6(long high, long low, int port, int scope) {
        this.set = true;
        this.ipv4 = false;
        this.high = high;
        this.low = low;
        this.port = port & 0xFFFF;
        this.scope = scope;
    }

    /** Records {@code address} (it allocates: a copy of the address bytes). */
    public void set(InetSocketAddress address) {
        InetAddress ip = address == null ? null : address.getAddress();
        if (ip == null) {
            clear();
            return;
        }
        byte[] raw = ip.getAddress();
        if (ip instanceof Inet4Address) {
            setIpv4(readInt(raw, 0), address.getPort());
        } else {
            setIpv6(readLong(raw, 0), readLong(raw, 8), address.getPort(), ((Inet6Address) ip).getScopeId());
        }
    }

    public void copyFrom(RemoteAddress other) {
        this.set = other.set;
        this.ipv4 = other.ipv4;
        this.high = other.high;
        this.low = other.low;
        this.port = other.port;
        this.scope = other.scope;
    }

    /** Whether a transport recorded a source. */
    public boolean isSet() {
        return set;
    }

    public boolean isIpv4() {
        return ipv4;
    }

    /** The high 64 bits of the (IPv4-mapped) address; 0 for IPv4. */
    public long high() {
        return high;
    }

    /** The low 64 bits of the (IPv4-mapped) address; for IPv4, {@code 0xffff} then the address. */
    public long low() {
        return low;
    }

    /** The IPv4 address in network order (valid when {@link #isIpv4()}). */
    public int ipv4() {
        return (int) low;
    }

    public int port() {
        return port;
    }

    /** The IPv6 scope id (interface), 0 when none. */
    public int scope() {
        return scope;
    }

    /** Whether both name the same socket address. */
    public boolean sameAs(RemoteAddress other) {
        return set == other.set && ipv4 == other.ipv4 && high == other.high && low == other.low && port == other.port
                && scope == other.scope;
    }

    /**
     * Writes the 16-byte address (IPv4-mapped for IPv4) and then the 2-byte port, both in network
     * order, at {@code at}: a fixed-width key for a MAC over the source.
     */
    public void writeAddressAndPort(byte[] dst, int at) {
        writeLong(dst, at, high);
        writeLong(dst, at + 8, low);
        dst[at + 16] = (byte) (port >>> 8);
        dst[at + 17] = (byte) port;
    }

    /** The address as an object, or null if none is recorded. Allocates: control path only. */
    public InetSocketAddress toInetSocketAddress() {
        if (!set) {
            return null;
        }
        try {
            if (ipv4) {
                byte[] raw = new byte[4];
                writeInt(raw, (int) low);
                return new InetSocketAddress(InetAddress.getByAddress(raw), port);
            }
            byte[] raw = new byte[16];
            writeLong(raw, 0, high);
            writeLong(raw, 8, low);
            InetAddress ip = scope == 0 ? InetAddress.getByAddress(raw) : Inet6Address.getByAddress(null, raw, scope);
            return new InetSocketAddress(ip, port);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("address of wrong length", e);
        }
    }

    @Override
    public String toString() {
        return set ? String.valueOf(toInetSocketAddress()) : "RemoteAddress[none]";
    }

    private static int readInt(byte[] b, int at) {
        return ((b[at] & 0xff) << 24) | ((b[at + 1] & 0xff) << 16) | ((b[at + 2] & 0xff) << 8) | (b[at + 3] & 0xff);
    }

    private static long readLong(byte[] b, int at) {
        return ((long) readInt(b, at) << 32) | (readInt(b, at + 4) & 0xFFFF_FFFFL);
    }

    private static void writeInt(byte[] b, int v) {
        b[0] = (byte) (v >>> 24);
        b[1] = (byte) (v >>> 16);
        b[2] = (byte) (v >>> 8);
        b[3] = (byte) v;
    }

    private static void writeLong(byte[] b, int at, long v) {
        for (int i = 7; i >= 0; i--) {
            b[at + i] = (byte) v;
            v >>>= 8;
        }
    }
}

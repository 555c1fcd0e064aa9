package dev.culvert.core.io.owner;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteOrder;
import java.util.Optional;

/**
 * One socket line of {@code /proc/net/udp}, {@code udp6}, {@code tcp} or {@code tcp6}: its local
 * address and port, its state and its inode, the key to the process that holds it. The kernel
 * prints each 32-bit word of an address in the host's byte order, the port in plain hex.
 *
 * @param inode 0 for a socket no process holds (a TCP connection in TIME_WAIT)
 */
public record SocketLine(InetSocketAddress local, int state, long inode) {
    /** The TCP state of a listening socket. */
    public static final int TCP_LISTEN = 0x0A;
    private static final int LOCAL = 1;
    private static final int STATE = 3;
    private static final int INODE = 9;

    /** The line's socket, or empty for the header and for anything that does not parse. */
    public static Optional<SocketLine> parse(String line, ByteOrder hostOrder) {
        String[] f = line.trim().split("\\s+");
        if (f.length <= INODE || !f[0].endsWith(":")) {
            return Optional.empty();
        }
        try {
            int colon = f[LOCAL].indexOf(':');
            if (colon < 0) {
                return Optional.empty();
            }
            byte[] address = address(f[LOCAL].substring(0, colon), hostOrder);
            int port = Integer.parseInt(f[LOCAL].substring(colon + 1), 16);
            int state = Integer.parseInt(f[STATE], 16);
            long inode = Long.parseLong(f[INODE]);
            if (address == null || port > 0xFFFF || state < 0 || inode < 0) {
                return Optional.empty();
            }
            return Optional.of(new SocketLine(new InetSocketAddress(InetAddress.getByAddress(address), port), state, inode));
        } catch (NumberFormatException | UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** 8 hex digits (IPv4) or 32 (IPv6), each 32-bit word in host order; null for any other length. */
    private static byte[] address(String hex, ByteOrder hostOrder) {
        if (hex.length() != 8 && hex.length() != 32) {
            return null;
        }
        byte[] out = new byte[hex.length() / 2];
        for (int word = 0; word < out.length / 4; word++) {
            int value = Integer.parseUnsignedInt(hex.substring(word * 8, word * 8 + 8), 16);
            if (hostOrder == ByteOrder.LITTLE_ENDIAN) {
                value = Integer.reverseBytes(value);
            }
            for (int b = 0; b < 4; b++) {
                out[word * 4 + b] = (byte) (value >>> (24 - 8 * b));
            }
        }
        return out;
    }

    /**
     * Whether this socket stands in the way of binding {@code wanted}: the same port, and the same
     * address or a wildcard on either side (an IPv6 wildcard may take IPv4 too).
     */
    public boolean clashesWith(InetSocketAddress wanted) {
        if (inode == 0 || local.getPort() != wanted.getPort()) {
            return false;
        }
        InetAddress mine = local.getAddress();
        InetAddress theirs = wanted.getAddress();
        return mine.isAnyLocalAddress() || theirs.isAnyLocalAddress() || mine.equals(theirs);
    }
}

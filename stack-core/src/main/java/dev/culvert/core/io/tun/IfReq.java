package dev.culvert.core.io.tun;

import dev.culvert.core.io.nativeio.Native;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** struct ifreq as TUNSETIFF reads it: a 16-byte interface name, then a short of flags. */
final class IfReq {
    static final int SIZE = 40;
    static final int NAME_SIZE = 16;
    static final int FLAGS_OFFSET = 16;

    static final int IFF_TUN = 0x0001;
    static final int IFF_MULTI_QUEUE = 0x0100;
    static final int IFF_NO_PI = 0x1000;
    /** Each packet read or written carries a struct virtio_net_hdr first ({@link TunOffloads}). */
    static final int IFF_VNET_HDR = 0x4000;
    /** TUNGETIFF reports it for a device made with TUNSETPERSIST (ip tuntap add): it outlives its queues. */
    static final int IFF_PERSIST = 0x0800;
    /** Create only: TUNSETIFF fails with EBUSY if a device of that name already exists. */
    static final int IFF_TUN_EXCL = 0x8000;
    /** _IOW('T', 202, int) */
    static final long TUNSETIFF = 0x400454caL;
    /** _IOR('T', 210, unsigned int) */
    static final long TUNGETIFF = 0x800454d2L;

    final ByteBuffer buffer = Native.struct(SIZE);
    final long address = Native.address(buffer);

    IfReq(String name, int flags) {
        byte[] raw = name.getBytes(StandardCharsets.US_ASCII);
        buffer.put(0, raw);
        buffer.putShort(FLAGS_OFFSET, (short) flags);
    }

    /** The flags field, as TUNGETIFF fills it in. */
    int flags() {
        return buffer.getShort(FLAGS_OFFSET) & 0xFFFF;
    }

    /** The name the kernel settled on (it fills in a {@code %d} pattern). */
    String name() {
        byte[] raw = new byte[NAME_SIZE];
        buffer.get(0, raw);
        int end = 0;
        while (end < raw.length && raw[end] != 0) {
            end++;
        }
        return new String(raw, 0, end, StandardCharsets.US_ASCII);
    }

    /** Checks a Linux interface name: 1 to 15 bytes, no '/', ':' or whitespace. */
    static void checkName(String name) {
        if (name == null || name.isEmpty() || name.length() >= NAME_SIZE) {
            throw new IllegalArgumentException("TUN name '" + name + "': must be 1 to 15 characters");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c <= ' ' || c >= 127 || c == '/' || c == ':') {
                throw new IllegalArgumentException("TUN name '" + name + "': character '" + c + "' is not allowed");
            }
        }
    }
}

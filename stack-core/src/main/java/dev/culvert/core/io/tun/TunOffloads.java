package dev.culvert.core.io.tun;

import dev.culvert.core.io.nativeio.Native;
import dev.culvert.core.io.nativeio.NativeIoException;
import dev.culvert.core.offload.VirtioNetHeader;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Which offloads a TUN device was given ({@code TUNSETOFFLOAD}): with checksum offload the kernel
 * hands over TCP and UDP packets whose checksum the reader completes; with TSO4/TSO6 it hands
 * over TCP super-packets of up to 64 KiB for the reader to cut, so one read carries what would
 * otherwise take dozens and the sender's TCP stack does its work once per super-packet; with
 * USO4/USO6 (Linux 6.2 and later) the same for UDP.
 *
 * <p>Asked for at open, largest set first; a kernel that refuses one gets the next smaller, and
 * the device ends with what the kernel took, down to none (the virtio header is then always
 * plain). What was taken is logged once and shown in the node's status.
 */
public final class TunOffloads {
    static final int TUN_F_CSUM = 0x01;
    static final int TUN_F_TSO4 = 0x02;
    static final int TUN_F_TSO6 = 0x04;
    static final int TUN_F_TSO_ECN = 0x08;
    static final int TUN_F_USO4 = 0x20;
    static final int TUN_F_USO6 = 0x40;
    /** _IOW('T', 208, unsigned int): the argument is the flag set itself. */
    static final long TUNSETOFFLOAD = 0x400454d0L;
    /** _IOW('T', 216, int): the argument points to the header size. */
    static final long TUNSETVNETHDRSZ = 0x400454d8L;

    private static final int TSO = TUN_F_CSUM | TUN_F_TSO4 | TUN_F_TSO6 | TUN_F_TSO_ECN;
    /** The sets tried in turn. */
    static final int[] TRIED = {TSO | TUN_F_USO4 | TUN_F_USO6, TSO, TUN_F_CSUM, 0};

    private TunOffloads() {
    }

    /**
     * Sets the virtio header size and the largest offload set the kernel accepts on a device
     * opened with {@code IFF_VNET_HDR}; returns the set (0: none, headers still present).
     */
    static int negotiate(int fd, String device) throws NativeIoException {
        ByteBuffer size = Native.struct(4);
        size.putInt(0, VirtioNetHeader.SIZE);
        if (Native.libc().ioctl(fd, TUNSETVNETHDRSZ, Native.address(size)) != 0) {
            throw NativeIoException.last("TUNSETVNETHDRSZ " + device);
        }
        for (int flags : TRIED) {
            if (Native.libc().ioctl(fd, TUNSETOFFLOAD, flags) == 0) {
                return flags;
            }
        }
        return 0;
    }

    /** Whether the kernel took TCP segmentation for both IP versions: it then also takes TCP super-packets written to it. */
    static boolean tookTso(int flags) {
        return flags >= 0 && (flags & (TUN_F_TSO4 | TUN_F_TSO6)) == (TUN_F_TSO4 | TUN_F_TSO6);
    }

    /** The offloads in a set, by the names ethtool gives them: "csum tso4 tso6 uso4 uso6", or "none". */
    public static String describe(int flags) {
        List<String> names = new ArrayList<>();
        if ((flags & TUN_F_CSUM) != 0) {
            names.add("csum");
        }
        if ((flags & TUN_F_TSO4) != 0) {
            names.add("tso4");
        }
        if ((flags & TUN_F_TSO6) != 0) {
            names.add("tso6");
        }
        if ((flags & TUN_F_USO4) != 0) {
            names.add("uso4");
        }
        if ((flags & TUN_F_USO6) != 0) {
            names.add("uso6");
        }
        return names.isEmpty() ? "none" : String.join(" ", names);
    }
}

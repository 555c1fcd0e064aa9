package dev.culvert.core.io.transport;

import dev.culvert.core.io.nativeio.Linux;
import dev.culvert.core.io.nativeio.Native;
import java.nio.ByteBuffer;

/**
 * Whether a UDP socket may send trains (UDP GSO, {@code UDP_SEGMENT}, Linux 4.18 and later): the
 * kernel answers {@code getsockopt(UDP_SEGMENT)} on a socket only where it has the option. What a
 * particular route refuses (a device without checksum offload, a datagram above the path MTU) is
 * learnt by the transport from the send that fails, which it then repeats datagram by datagram.
 */
final class UdpSegmentation {
    /**
     * Set to {@code off} ({@code CULVERT_JAVA_OPTS=-Dculvert.udp-gso=off}) to send every datagram
     * as its own message, as before UDP GSO: an escape hatch should a kernel or device mishandle trains.
     */
    static final String PROPERTY = "culvert.udp-gso";

    private UdpSegmentation() {
    }

    /** True if trains may be tried on {@code fd}: the kernel has the option and the operator did not turn it off. */
    static boolean available(int fd) {
        if ("off".equalsIgnoreCase(System.getProperty(PROPERTY, "on"))) {
            return false;
        }
        ByteBuffer value = Native.struct(8);
        value.putInt(4, 4);
        long at = Native.address(value);
        return Native.libc().getsockopt(fd, Linux.IPPROTO_UDP, Linux.UDP_SEGMENT, at, at + 4) == 0;
    }
}

package dev.culvert.core.osgi;

import dev.culvert.core.packet.Packet;
import dev.culvert.core.packet.PacketBatch;
import dev.culvert.core.packet.PacketPool;
import dev.culvert.core.io.transport.UdpTransport;
import dev.culvert.core.io.transport.UdpTransportFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * Proves that the kernel's native I/O works in this process: one datagram from a libc UDP socket
 * to itself on 127.0.0.1. Inside OSGi this is where a missing jffi native library or a bundle that
 * cannot see jnr-ffi's generated classes shows up, as a sentence instead of a failed tunnel later.
 */
final class NativeProbe {
    private static final int TRIES = 100;

    private NativeProbe() {
    }

    static String run() {
        PacketPool pool = new PacketPool("native-probe", 4);
        UdpTransport udp = null;
        try {
            udp = (UdpTransport) new UdpTransportFactory().open(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), null);
            Packet out = pool.acquire();
            byte[] hello = "culvert native probe".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            out.setContents(hello, 0, hello.length);
            if (!udp.send(out, udp.handleOf(udp.localAddress()))) {
                out.release();
                return "FAILED: the loopback datagram was refused";
            }
            udp.flush();
            PacketBatch in = new PacketBatch(4);
            for (int i = 0; i < TRIES && in.isEmpty(); i++) {
                udp.receive(in, pool);
                if (in.isEmpty()) {
                    Thread.sleep(1);
                }
            }
            boolean ok = !in.isEmpty() && java.util.Arrays.equals(in.get(0).toByteArray(), hello);
            in.releaseAll();
            return ok ? "ok (a UDP datagram through libc on 127.0.0.1)" : "FAILED: the loopback datagram did not come back";
        } catch (Exception | LinkageError e) {
            return "FAILED: " + e;
        } finally {
            if (udp != null) {
                udp.close();
            }
        }
    }
}

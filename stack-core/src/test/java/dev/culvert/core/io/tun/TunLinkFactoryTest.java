package dev.culvert.core.io.tun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.core.io.nativeio.Errno;
import dev.culvert.core.io.nativeio.NativeIoException;
import dev.culvert.core.packet.Packet;
import dev.culvert.core.packet.PacketBatch;
import dev.culvert.core.packet.PacketPool;
import dev.culvert.testing.netns.NetnsHarness;
import dev.culvert.testing.netns.NetnsHarness.NodeProcess;
import dev.culvert.testing.netns.TunProbe;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Opening TUN devices, and the messages for each way it fails. */
class TunLinkFactoryTest {

    @Test
    void refusesNamesLinuxWouldRefuse() {
        TunLinkFactory factory = new TunLinkFactory();
        assertThrows(IllegalArgumentException.class, () -> factory.openQueues("", 1400, 1));
        assertThrows(IllegalArgumentException.class, () -> factory.openQueues("sixteen-chars-xx", 1400, 1));
        assertThrows(IllegalArgumentException.class, () -> factory.openQueues("a/b", 1400, 1));
        assertThrows(IllegalArgumentException.class, () -> factory.openQueues("tun0", 1400, 0));
        assertThrows(IllegalArgumentException.class, () -> factory.openQueues("tun0", 20, 1));
    }

    @Test
    void aMissingCloneDeviceSaysHowToGetOne() {
        TunLinkFactory factory = new TunLinkFactory("/nonexistent/net/tun");
        NativeIoException e = assertThrows(NativeIoException.class, () -> factory.openQueues("tun0", 1400, 1));
        assertEquals(Errno.ENOENT, e.errno());
        assertTrue(e.getMessage().startsWith("no /nonexistent/net/tun: load the tun module (modprobe tun)"), e.getMessage());
    }

    @Test
    void aNameHeldByAnotherSingleQueueDeviceIsTaken() throws Exception {
        try (NetnsHarness harness = NetnsHarness.open()) {
            String ns = harness.namespace("tun");
            String message = harness.inNamespace(ns, () -> {
                TunQueue[] first = new TunLinkFactory().openQueues("cvbusy0", 1400, 1);
                try {
                    new TunLinkFactory().openQueues("cvbusy0", 1400, 1);
                    return "second open succeeded";
                } catch (NativeIoException e) {
                    return e.errno() + " " + e.getMessage();
                } finally {
                    first[0].close();
                }
            });
            assertEquals(Errno.EBUSY + " TUN name cvbusy0 is taken (EBUSY): another process holds that device", message);
        }
    }

    @Test
    void settingTheMtuOfADeviceThatIsGoneNamesItAndSaysSo() throws Exception {
        try (NetnsHarness harness = NetnsHarness.open()) {
            String ns = harness.namespace("tun");
            String message = harness.inNamespace(ns, () -> {
                try {
                    LinkUp.setMtuAndUp("cvgone0", 1400);
                    return "set";
                } catch (NativeIoException e) {
                    return e.errno() + " " + e.getMessage();
                }
            });
            assertEquals(Errno.ENODEV + " cannot set MTU 1400 on cvgone0: no such device", message);
        }
    }

    @Test
    void txqueuelenSetsTheTransmitQueueWithTheMtuAndZeroLeavesTheKernels() throws Exception {
        try (NetnsHarness harness = NetnsHarness.open()) {
            String ns = harness.namespace("qlen");
            String shown = harness.inNamespace(ns, () -> {
                TunLinkFactory factory = new TunLinkFactory();
                dev.culvert.spi.link.Link[] set = factory.open("cvqlen0", 1400, 1000, 1);
                dev.culvert.spi.link.Link[] plain = factory.open("cvqlen1", 1400, 0, 1);
                try {
                    return IpTool.run("link", "show", "cvqlen0") + IpTool.run("link", "show", "cvqlen1");
                } finally {
                    set[0].close();
                    plain[0].close();
                }
            });
            assertTrue(shown.lines().anyMatch(l -> l.contains("cvqlen0") && l.contains("mtu 1400") && l.contains("qlen 1000")), shown);
            assertTrue(shown.lines().anyMatch(l -> l.contains("cvqlen1") && l.contains("qlen 500")), "the kernel's default for a TUN device: " + shown);
        }
    }

    @Test
    void aNameHeldByADeviceOfAnotherKindIsTaken() throws Exception {
        try (NetnsHarness harness = NetnsHarness.open()) {
            String ns = harness.namespace("tun");
            harness.ip("-n", ns, "link", "add", "cvdummy0", "type", "veth", "peer", "name", "cvdummy1");
            String message = harness.inNamespace(ns, () -> {
                try {
                    new TunLinkFactory().openQueues("cvdummy0", 1400, 2);
                    return "opened a veth name as TUN";
                } catch (NativeIoException e) {
                    return e.getMessage();
                }
            });
            assertTrue(message.startsWith("TUN name cvdummy0 is taken (EINVAL)"), message);
        }
    }

    @Test
    void withoutCapNetAdminTheMessageSaysSo() throws Exception {
        try (NetnsHarness harness = NetnsHarness.open()) {
            String ns = harness.namespace("nocap");
            // Root without CAP_NET_ADMIN in its bounding set: the exec'd JVM has no CAP_NET_ADMIN.
            NodeProcess probe = harness.startJava(ns, "probe", List.of("setpriv", "--bounding-set=-net_admin"),
                    TunProbe.class.getName(), "cvnocap0");
            String line = probe.awaitLine("ERROR", 30, TimeUnit.SECONDS);
            assertEquals("ERROR no CAP_NET_ADMIN: run as root or grant CAP_NET_ADMIN (creating TUN device cvnocap0)", line);
        }
    }

    @Test
    void multiQueueDeviceMovesPacketsBothWaysThroughPooledBuffers() throws Exception {
        try (NetnsHarness harness = NetnsHarness.open()) {
            String ns = harness.namespace("mq");
            PacketPool pool = new PacketPool("tun-test", 64);
            String outcome = harness.inNamespace(ns, () -> {
                TunLinkFactory factory = new TunLinkFactory();
                TunQueue[] queues = (TunQueue[]) factory.open("cvmq0", 1280, 2);
                try {
                    IpTool.addAddress("cvmq0", "10.77.0.1/24");
                    assertEquals(2, queues.length);
                    String shown = IpTool.run("-d", "link", "show", "cvmq0");
                    assertTrue(shown.contains("mtu 1280") && shown.contains("multi_queue") && shown.contains("UP"), shown);
                    // A datagram the kernel routes into the device comes out of one of the queues.
                    try (java.net.DatagramSocket s = new java.net.DatagramSocket()) {
                        byte[] hello = "hello tun".getBytes();
                        for (int i = 0; i < 4; i++) {
                            s.send(new java.net.DatagramPacket(hello, hello.length, java.net.InetAddress.getByName("10.77.0.2"), 9));
                        }
                    }
                    PacketBatch batch = new PacketBatch();
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                    while (batch.size() < 4 && System.nanoTime() < deadline) {
                        for (TunQueue q : queues) {
                            if (!batch.isFull()) {
                                q.read(batch, pool);
                            }
                        }
                        Thread.sleep(10);
                    }
                    assertTrue(batch.size() >= 4, "read " + batch.size() + " packets");
                    int udpPackets = 0;
                    for (int i = 0; i < batch.size(); i++) {
                        Packet p = batch.get(i);
                        // IPv4, protocol UDP, to 10.77.0.2 (other packets, e.g. IPv6 router solicitations, may appear)
                        if ((p.getUnsignedByte(0) >> 4) == 4 && p.getUnsignedByte(9) == 17 && p.getInt(16) == 0x0a4d0002) {
                            udpPackets++;
                        }
                    }
                    assertEquals(4, udpPackets);
                    // Writing a packet back into a queue hands it to the kernel and frees the buffer.
                    Packet first = batch.get(0);
                    for (int i = 1; i < batch.size(); i++) {
                        batch.get(i).release();
                    }
                    batch.clear();
                    assertTrue(queues[0].write(first), "the kernel took the packet");
                    assertEquals(0, pool.outstanding(), "every buffer is back in the pool");
                    return "ok";
                } finally {
                    for (TunQueue q : queues) {
                        q.close();
                    }
                }
            });
            assertEquals("ok", outcome);
        }
    }
}

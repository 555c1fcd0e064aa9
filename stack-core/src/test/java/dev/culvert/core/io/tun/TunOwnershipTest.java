package dev.culvert.core.io.tun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.core.io.nativeio.Errno;
import dev.culvert.core.io.nativeio.NativeIoException;
import dev.culvert.testing.netns.NetnsHarness;
import dev.culvert.testing.netns.NetnsHarness.NodeProcess;
import dev.culvert.testing.netns.Prerequisites;
import dev.culvert.testing.netns.TunHolder;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * One process per TUN device: another process's device is refused, naming it; a persistent device
 * nobody has open is used and left as found; a device the node created goes with its queues.
 */
class TunOwnershipTest {

    @Test
    void aDeviceAnotherProcessHasOpenIsRefusedNamingItAndKeepsItsQueues() throws Exception {
        Prerequisites.require();
        try (NetnsHarness harness = NetnsHarness.open()) {
            String ns = harness.namespace("held");
            NodeProcess holder = harness.startJava(ns, "holder", TunHolder.class.getName(), "cvheld0", "2");
            assertEquals("OPENED cvheld0", holder.awaitLine("OPENED", 60, TimeUnit.SECONDS));
            String message = harness.inNamespace(ns, () -> {
                try {
                    new TunLinkFactory().openQueues("cvheld0", 1400, 2);
                    return "attached to another process's device";
                } catch (NativeIoException e) {
                    return e.errno() + " " + e.getMessage();
                }
            });
            assertEquals(Errno.EBUSY + " TUN device cvheld0 is in use by pid " + holder.process().pid()
                    + " (java); stop it, or name another device with 'dev'", message);
            // The holder's device still has its two queues, no third.
            assertEquals(2, tunDescriptors(ns, harness, "cvheld0"));
        }
    }

    @Test
    void aPersistentDeviceNobodyHasOpenIsUsedAndLeftAsFound() throws Exception {
        Prerequisites.require();
        try (NetnsHarness harness = NetnsHarness.open()) {
            String ns = harness.namespace("pers");
            harness.ip("-n", ns, "tuntap", "add", "dev", "cvpers0", "mode", "tun", "multi_queue");
            String before = harness.ip("-n", ns, "-o", "link", "show", "cvpers0");
            harness.inNamespace(ns, () -> {
                TunLinkFactory factory = new TunLinkFactory();
                Object[] queues = factory.open("cvpers0", 1280, 2);
                factory.configure(List.of("addr", "replace", "10.66.0.1/24", "dev", "cvpers0"));
                factory.configure(List.of("route", "replace", "10.67.0.0/16", "via", "10.66.0.2", "dev", "cvpers0"));
                factory.configure(List.of("-6", "addr", "add", "fd66::1/64", "dev", "cvpers0"));
                String during = IpTool.run("-o", "addr", "show", "dev", "cvpers0") + IpTool.run("route", "show", "dev", "cvpers0");
                assertTrue(during.contains("10.66.0.1/24") && during.contains("fd66::1/64") && during.contains("10.67.0.0/16"), during);
                for (Object q : queues) {
                    ((TunQueue) q).close();
                }
                return null;
            });
            String after = harness.ip("-n", ns, "-o", "link", "show", "cvpers0");
            // The same index, flags, MTU and state; only the queueing discipline the kernel gave it when it first came up stays.
            assertEquals(before.replaceAll(" qdisc \\S+", ""), after.replaceAll(" qdisc \\S+", ""), "the link as it was");
            String addresses = harness.ip("-n", ns, "-o", "addr", "show", "dev", "cvpers0");
            assertFalse(addresses.contains("10.66.0.1") || addresses.contains("fd66::1"), addresses);
            assertEquals("", harness.ip("-n", ns, "route", "show", "dev", "cvpers0").strip());
        }
    }

    @Test
    void aDeviceTheNodeCreatedGoesWithItsLastQueue() throws Exception {
        Prerequisites.require();
        try (NetnsHarness harness = NetnsHarness.open()) {
            String ns = harness.namespace("gone");
            String links = harness.inNamespace(ns, () -> {
                TunLinkFactory factory = new TunLinkFactory();
                Object[] queues = factory.open("cvgone0", 1400, 2);
                factory.configure(List.of("addr", "replace", "10.68.0.1/24", "dev", "cvgone0"));
                for (Object q : queues) {
                    ((TunQueue) q).close();
                }
                return IpTool.run("-o", "link", "show");
            });
            assertFalse(links.contains("cvgone0"), links);
        }
    }

    @Test
    void aRestartThatKeepsDevicesHandsTheNextNodeTheSameDeviceWithItsAddresses() throws Exception {
        Prerequisites.require();
        try (NetnsHarness harness = NetnsHarness.open()) {
            String ns = harness.namespace("keep");
            String outcome = harness.inNamespace(ns, () -> {
                TunLinkFactory factory = new TunLinkFactory();
                Object[] first = factory.open("tunkeep0", 1400, 2);
                factory.configure(List.of("addr", "replace", "10.69.0.1/24", "dev", "tunkeep0"));
                int index = DeviceState.of("tunkeep0").orElseThrow().index();
                Object[] second;
                try (TunLinkFactory.Restart restart = factory.keepDevicesAcrossRestart()) {
                    closeAll(first);
                    assertEquals(index, DeviceState.of("tunkeep0").orElseThrow().index(), "kept open while the node restarts");
                    second = factory.open("tunkeep0", 1400, 2);
                }
                assertEquals(index, DeviceState.of("tunkeep0").orElseThrow().index(), "the same device");
                assertTrue(IpTool.run("-o", "addr", "show", "dev", "tunkeep0").contains("10.69.0.1/24"), "with its address");
                closeAll(second);
                return DeviceState.of("tunkeep0").isPresent() ? "still there after the last close" : "gone";
            });
            assertEquals("gone", outcome);
        }
    }

    @Test
    void aKeptDeviceNoNodeTookBackIsClosedWhenTheRestartEnds() throws Exception {
        Prerequisites.require();
        try (NetnsHarness harness = NetnsHarness.open()) {
            String ns = harness.namespace("unkept");
            String outcome = harness.inNamespace(ns, () -> {
                TunLinkFactory factory = new TunLinkFactory();
                Object[] first = factory.open("tunkeep1", 1400, 2);
                try (TunLinkFactory.Restart restart = factory.keepDevicesAcrossRestart()) {
                    closeAll(first);
                    // The next node asks for another device, or fails before its device: nobody takes this one back.
                    closeAll(factory.open("tunkeep2", 1400, 1));
                }
                return DeviceState.of("tunkeep1").isPresent() + " " + DeviceState.of("tunkeep2").isPresent();
            });
            assertEquals("false false", outcome);
        }
    }

    private static void closeAll(Object[] queues) {
        for (Object q : queues) {
            ((TunQueue) q).close();
        }
    }

    /** How many descriptors of processes in {@code ns} are attached to {@code device}. */
    private static long tunDescriptors(String ns, NetnsHarness harness, String device) throws Exception {
        String out = harness.exec(ns, "sh", "-c", "grep -l '^iff:[[:space:]]*" + device + "$' /proc/[0-9]*/fdinfo/* 2>/dev/null | wc -l");
        return Long.parseLong(out.strip());
    }
}

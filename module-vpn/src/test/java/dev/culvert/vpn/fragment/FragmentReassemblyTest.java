package dev.culvert.vpn.fragment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.culvert.core.graph.DropReason;
import dev.culvert.core.packet.Packet;
import dev.culvert.core.packet.PacketPool;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Putting split packets back together: any order, within bounds, every loss counted. */
class FragmentReassemblyTest {
    private static final long SECOND = 1_000_000_000L;
    private final PacketPool pool = new PacketPool("reassembly", 8);
    private final List<DropReason> lost = new ArrayList<>();
    private final FragmentReassembly reassembly = new FragmentReassembly(1920, lost::add);
    private long now = 5 * SECOND;

    @Test
    void aWholePayloadLosesItsHeaderAndPassesAtOnce() {
        Packet p = packet(0, new byte[] {0x45, 9});
        assertEquals(FragmentReassembly.Outcome.DELIVER, reassembly.accept(p, now));
        assertArrayEquals(new byte[] {0x45, 9}, p.toByteArray());
    }

    @Test
    void partsArrivingInAnyOrderMakeThePacketOnTheLastMissingOne() {
        byte[] original = bytes(600);
        Packet last = packet(FragmentHeader.part(true, 9, 2, 248), slice(original, 496, 104));
        Packet first = packet(FragmentHeader.part(false, 9, 0, 0), slice(original, 0, 248));
        Packet middle = packet(FragmentHeader.part(false, 9, 1, 0), slice(original, 248, 248));
        assertEquals(FragmentReassembly.Outcome.HELD, reassembly.accept(last, now));
        assertEquals(FragmentReassembly.Outcome.HELD, reassembly.accept(first, now));
        assertEquals(1, reassembly.pending());
        assertEquals(FragmentReassembly.Outcome.DELIVER, reassembly.accept(middle, now));
        assertArrayEquals(original, middle.toByteArray());
        assertEquals(0, reassembly.pending());
    }

    @Test
    void aPartRepeatedIsHarmless() {
        byte[] original = bytes(300);
        Packet a = packet(FragmentHeader.part(false, 1, 0, 0), slice(original, 0, 200));
        Packet again = packet(FragmentHeader.part(false, 1, 0, 0), slice(original, 0, 200));
        Packet b = packet(FragmentHeader.part(true, 1, 1, 200), slice(original, 200, 100));
        assertEquals(FragmentReassembly.Outcome.HELD, reassembly.accept(a, now));
        assertEquals(FragmentReassembly.Outcome.HELD, reassembly.accept(again, now));
        assertEquals(FragmentReassembly.Outcome.DELIVER, reassembly.accept(b, now));
        assertArrayEquals(original, b.toByteArray());
    }

    @Test
    void anIncompletePacketExpiresTenSecondsAfterItsLastPartAndIsCounted() {
        reassembly.accept(packet(FragmentHeader.part(false, 3, 0, 0), bytes(100)), now);
        reassembly.accept(packet(0, bytes(10)), now + 9 * SECOND);
        assertEquals(List.of(), lost);
        reassembly.accept(packet(0, bytes(10)), now + 10 * SECOND);
        assertEquals(List.of(FragmentDrops.EXPIRED), lost);
        assertEquals(0, reassembly.pending());
    }

    @Test
    void aPacketStillIncompleteWhen25NewerOnesStartedIsOvertakenAndCounted() {
        reassembly.accept(packet(FragmentHeader.part(false, 250, 0, 0), bytes(100)), now);
        for (int i = 1; i <= 24; i++) {
            reassembly.accept(packet(FragmentHeader.part(false, (250 + i) % 256, 0, 0), bytes(100)), now);
        }
        assertEquals(List.of(), lost, "25 packets fit");
        reassembly.accept(packet(FragmentHeader.part(false, (250 + 25) % 256, 0, 0), bytes(100)), now);
        assertEquals(List.of(FragmentDrops.OVERTAKEN), lost, "the oldest made room, across the wrap of sequence ids");
        assertEquals(FragmentReassembly.SLOTS, reassembly.pending());
    }

    @Test
    void aPartFarOutsideTheWindowStartsItAfresh() {
        reassembly.accept(packet(FragmentHeader.part(false, 10, 0, 0), bytes(100)), now);
        reassembly.accept(packet(FragmentHeader.part(false, 100, 0, 0), bytes(100)), now);
        assertEquals(List.of(FragmentDrops.OVERTAKEN), lost);
        assertEquals(1, reassembly.pending());
    }

    @Test
    void refusalsEachHaveTheirReason() {
        assertDropped(FragmentDrops.TRUNCATED, packetOfLength(3));
        assertDropped(FragmentDrops.SPURIOUS_WHOLE, packet(1 << 2, bytes(10)));
        assertDropped(FragmentDrops.TEST_TYPE, packet(FragmentHeader.TEST, bytes(10)));
        assertDropped(FragmentDrops.BAD_SIZE, packet(FragmentHeader.part(false, 1, 0, 0), bytes(101)));
        assertDropped(FragmentDrops.BAD_SIZE, packet(FragmentHeader.part(true, 1, 1, 0), bytes(100)));
        assertDropped(FragmentDrops.OVERFLOW, packet(FragmentHeader.part(true, 1, 31, 1000), bytes(100)));
        assertDropped(FragmentDrops.OVERFLOW, packet(FragmentHeader.part(false, 1, 2, 0), bytes(1000)));
        assertEquals(0, reassembly.pending(), "no refused part holds a slot");
    }

    @Test
    void aReassembledPacketLargerThanTheBoundIsRefused() {
        FragmentReassembly small = new FragmentReassembly(100, lost::add);
        assertEquals(FragmentReassembly.Outcome.HELD, small.accept(packet(FragmentHeader.part(false, 1, 0, 0), bytes(60)), now));
        assertEquals(FragmentReassembly.Outcome.DROPPED, small.accept(packet(FragmentHeader.part(true, 1, 1, 60), bytes(60)), now));
        assertEquals(FragmentDrops.OVERFLOW, small.lastDrop());
    }

    private void assertDropped(DropReason reason, Packet p) {
        assertEquals(FragmentReassembly.Outcome.DROPPED, reassembly.accept(p, now));
        assertEquals(reason, reassembly.lastDrop());
        p.release();
    }

    private Packet packet(int word, byte[] payload) {
        Packet p = pool.acquire();
        if (p == null) {
            p = new PacketPool("more", 1).acquire();
        }
        p.setContents(payload, 0, payload.length);
        p.prepend(4);
        p.putInt(0, word);
        return p;
    }

    private Packet packetOfLength(int n) {
        Packet p = pool.acquire();
        p.setContents(new byte[n], 0, n);
        return p;
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 7 + 1);
        }
        return b;
    }

    private static byte[] slice(byte[] b, int from, int n) {
        return java.util.Arrays.copyOfRange(b, from, from + n);
    }
}

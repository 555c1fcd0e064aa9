package dev.culvert.vpn.fragment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.core.packet.Packet;
import dev.culvert.core.packet.PacketPool;
import org.junit.jupiter.api.Test;

/** How a payload is cut: 2.6's sizes, its header per part, and its limits. */
class FragmentSplitterTest {
    /** P_DATA_V2 with AES-GCM: opcode and peer id 4, packet id 4, tag 16. */
    private static final int AEAD_V2 = 24;

    @Test
    void theLargestPartIsTheFragmentSizeLessTheDataChannelAndTheHeader() {
        FragmentSplitter s = new FragmentSplitter(new FragmentSize(1000, false));
        assertEquals(1000 - AEAD_V2 - 4, s.maxPart(AEAD_V2));
        assertEquals(1, s.parts(972, AEAD_V2));
        assertEquals(2, s.parts(973, AEAD_V2));
    }

    @Test
    void withMtuTheOuterIpAndUdpHeadersCountTooAsForIpv6() {
        FragmentSplitter s = new FragmentSplitter(new FragmentSize(1000, true));
        assertEquals(1000 - 48 - AEAD_V2 - 4, s.maxPart(AEAD_V2));
    }

    @Test
    void partsAreEvenedOutWithoutAddingOneAs26Does() {
        // 1432 bytes, largest part 972: 972 + 460 would do; 2.6 sends two parts of 716 instead.
        assertEquals(716, FragmentSplitter.partSize(1432, 972));
        // The rest is at least three quarters of a part: no evening.
        assertEquals(972, FragmentSplitter.partSize(972 + 800, 972));
        // An exact multiple: full parts.
        assertEquals(972, FragmentSplitter.partSize(972 * 3, 972));
        // A largest part that is not a multiple of 4 is rounded down.
        assertEquals(968, FragmentSplitter.partSize(968 * 2, 971));
    }

    @Test
    void aPayloadThatWouldNeedMoreThan32PartsIsNotSplit() {
        FragmentSplitter s = new FragmentSplitter(new FragmentSize(68, false));
        int max = s.maxPart(AEAD_V2);
        assertEquals(40, max);
        assertEquals(32, s.parts(40 * 32, AEAD_V2));
        assertEquals(0, s.parts(40 * 32 + 1, AEAD_V2));
    }

    @Test
    void eachPartCarriesItsHeaderAndTheLastOneThePartSize() {
        FragmentSplitter s = new FragmentSplitter(new FragmentSize(1000, false));
        PacketPool pool = new PacketPool("split", 4);
        Packet whole = pool.acquire();
        byte[] bytes = new byte[1432];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) i;
        }
        whole.setContents(bytes, 0, bytes.length);
        int parts = s.parts(whole.length(), AEAD_V2);
        int sequence = s.nextSequence();
        Packet first = pool.acquire();
        Packet last = pool.acquire();
        s.writePart(whole, AEAD_V2, parts, sequence, 0, first);
        s.writePart(whole, AEAD_V2, parts, sequence, 1, last);
        assertEquals(2, parts);
        assertEquals(4 + 716, first.length());
        assertEquals(FragmentHeader.part(false, sequence, 0, 716), first.getInt(0));
        assertEquals(4 + 716, last.length());
        assertEquals(FragmentHeader.part(true, sequence, 1, 716), last.getInt(0));
        assertEquals(bytes[716], (byte) last.getUnsignedByte(4));
        assertTrue(s.nextSequence() == (sequence + 1) % 256, "one sequence id per split packet");
    }

    @Test
    void aWholePayloadGetsAnAllZeroHeaderInItsHeadroom() {
        PacketPool pool = new PacketPool("whole", 1);
        Packet p = pool.acquire();
        p.setContents(new byte[] {0x45, 1, 2}, 0, 3);
        FragmentSplitter.markWhole(p);
        assertEquals(7, p.length());
        assertEquals(0, p.getInt(0));
        assertEquals(0x45, p.getUnsignedByte(4));
    }
}

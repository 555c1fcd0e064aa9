package dev.culvert.vpn.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.core.packet.Packet;
import dev.culvert.vpn.fragment.FragmentDrops;
import dev.culvert.vpn.fragment.FragmentHeader;
import dev.culvert.vpn.fragment.FragmentSize;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A session under {@code fragment}: what a data side sends and takes, end to end through real keys. */
class FragmentedSessionTest {
    private static final FragmentSize FRAGMENT_300 = new FragmentSize(300, false);

    @Test
    void aPacketThatFitsGoesWholeBehindAnAllZeroFragmentHeader() throws Exception {
        SessionPair pair = connected(FRAGMENT_300);
        byte[] inside = payload(200, 1);
        Packet p = pair.pool.acquire();
        p.setContents(inside, 0, inside.length);
        assertFalse(pair.client.dataPlane().mustSplit(p));
        p.release();

        byte[] wire = pair.clientSeals(inside);
        assertEquals(inside.length + FragmentHeader.LENGTH + pair.client.dataPlane().overhead(), wire.length);
        assertArrayEquals(inside, pair.serverOpens(wire));
    }

    @Test
    void aLargePacketLeavesAsPartsWithinTheFragmentSizeAndArrivesWholeInAnyOrder() throws Exception {
        SessionPair pair = connected(FRAGMENT_300);
        byte[] inside = payload(1400, 2);
        List<byte[]> parts = split(pair, inside);
        assertEquals(6, parts.size(), "1400 bytes in parts of at most 300 - 24 - 4 = 272 bytes");
        for (byte[] part : parts) {
            assertTrue(part.length <= 300, "a datagram of " + part.length + " bytes");
        }
        Collections.shuffle(parts, new Random(7));
        byte[] whole = null;
        for (int i = 0; i < parts.size(); i++) {
            Packet p = pair.pool.acquire();
            p.setContents(parts.get(i), 0, parts.get(i).length);
            DataPlane.Opened opened = pair.server.dataPlane().open(p, pair.now);
            if (i < parts.size() - 1) {
                assertEquals(DataPlane.Opened.CONSUMED, opened, "part " + i + " is held until the last arrives");
            } else {
                assertEquals(DataPlane.Opened.TUNNEL, opened);
                whole = p.toByteArray();
            }
            p.release();
        }
        assertArrayEquals(inside, whole);
    }

    @Test
    void aPacketMissingAPartIsDroppedAndCountedOnceItsPartsExpire() throws Exception {
        SessionPair pair = connected(FRAGMENT_300);
        List<byte[]> parts = split(pair, payload(1000, 3));
        for (int i = 1; i < parts.size(); i++) {
            assertNull(pair.serverOpens(parts.get(i)));
        }
        pair.now += 11_000 * SessionPair.MS;
        assertArrayEquals(payload(100, 4), pair.serverOpens(pair.clientSeals(payload(100, 4))), "whole packets still pass");
        assertEquals(1, pair.server.drops().get(FragmentDrops.EXPIRED));
    }

    @Test
    void keepalivesAndTrafficFlowBothWaysUnderFragment() throws Exception {
        SessionPair pair = connected(FRAGMENT_300);
        pair.run(25_000);
        assertTrue(pair.client.state() == VpnSession.State.CONNECTED && pair.server.state() == VpnSession.State.CONNECTED, "pings crossed: neither side timed out");
        byte[] back = payload(900, 5);
        List<byte[]> parts = new ArrayList<>();
        Packet p = pair.pool.acquire();
        p.setContents(back, 0, back.length);
        assertNull(pair.server.dataPlane().sealParts(p, pair.now, part -> {
            parts.add(part.toByteArray());
            part.release();
        }));
        p.release();
        byte[] whole = null;
        for (byte[] part : parts) {
            byte[] opened = pair.clientOpens(part);
            whole = opened != null ? opened : whole;
        }
        assertArrayEquals(back, whole);
    }

    @Test
    void aPayloadNeedingMoreThan32PartsIsRefusedWithItsReason() throws Exception {
        SessionPair pair = connected(new FragmentSize(68, false));
        Packet p = pair.pool.acquire();
        byte[] inside = payload(1400, 6);
        p.setContents(inside, 0, inside.length);
        assertTrue(pair.client.dataPlane().mustSplit(p));
        assertEquals(FragmentDrops.TOO_MANY_PARTS, pair.client.dataPlane().sealParts(p, pair.now, part -> {
            throw new AssertionError("no part may leave");
        }));
        p.release();
        assertEquals(1, pair.client.drops().get(FragmentDrops.TOO_MANY_PARTS));
        assertEquals(0, pair.pool.outstanding());
    }

    private static SessionPair connected(FragmentSize fragment) throws Exception {
        SessionPair pair = new SessionPair(fragment);
        pair.client.start(pair.now);
        pair.server.start(pair.now);
        pair.run(2_000);
        assertTrue(pair.client.state() == VpnSession.State.CONNECTED && pair.server.state() == VpnSession.State.CONNECTED, "the pair connects under fragment");
        return pair;
    }

    private static List<byte[]> split(SessionPair pair, byte[] inside) {
        List<byte[]> parts = new ArrayList<>();
        Packet p = pair.pool.acquire();
        p.setContents(inside, 0, inside.length);
        assertTrue(pair.client.dataPlane().mustSplit(p));
        assertNull(pair.client.dataPlane().sealParts(p, pair.now, part -> {
            parts.add(part.toByteArray());
            part.release();
        }));
        p.release();
        return parts;
    }

    private static byte[] payload(int length, int seed) {
        byte[] b = new byte[length];
        new Random(seed).nextBytes(b);
        b[0] = 0x45;
        return b;
    }
}

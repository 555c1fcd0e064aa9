package dev.culvert.ipv6.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.core.graph.DropReason;
import dev.culvert.core.packet.Packet;
import dev.culvert.core.packet.PacketPool;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ExtensionHeaderChainTest {
    private final PacketPool pool = new PacketPool("chain-test", 4);
    private final Ipv6Header header = new Ipv6Header();
    private final ExtensionHeaderChain chain = new ExtensionHeaderChain();

    @AfterEach
    void poolBalances() {
        assertEquals(0, pool.outstanding());
    }

    /** Builds a packet: the fixed header's next header, then each extension as raw bytes, then {@code upper}. */
    private DropReason walk(int first, byte[]... parts) {
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            payload.writeBytes(part);
        }
        byte[] body = payload.toByteArray();
        byte[] p = new byte[40 + body.length];
        ByteBuffer.wrap(p).putInt(0x6000_0000).putShort((short) body.length).put((byte) first).put((byte) 64)
                .putLong(0x2001_0db8_0000_0000L).putLong(1).putLong(0x2001_0db8_0000_0000L).putLong(2).put(body);
        Packet packet = pool.acquire();
        packet.setContents(p, 0, p.length);
        try {
            assertNull(header.wrap(packet));
            return chain.walk(header);
        } finally {
            packet.release();
        }
    }

    /** An 8-byte options header (hop-by-hop or destination options) with PadN. */
    private static byte[] options(int next) {
        return new byte[] {(byte) next, 0, 1, 4, 0, 0, 0, 0};
    }

    private static byte[] routing(int next) {
        return new byte[] {(byte) next, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
    }

    private static byte[] fragment(int next, int offset, boolean more) {
        int field = offset | (more ? 1 : 0);
        return new byte[] {(byte) next, 0, (byte) (field >>> 8), (byte) field, 0, 0, 0x12, 0x34};
    }

    @Test
    void aPacketWithoutExtensionsEndsAtTheFixedHeader() {
        assertNull(walk(17, new byte[8]));
        assertEquals(17, chain.upperProtocol());
        assertEquals(40, chain.upperOffset());
        assertEquals(0, chain.headers());
        assertFalse(chain.isFragment());
    }

    @Test
    void walksHopByHopRoutingFragmentAndDestinationOptions() {
        assertNull(walk(0, options(43), routing(44), fragment(60, 0, true), options(6), new byte[24]));
        assertEquals(6, chain.upperProtocol());
        assertEquals(40 + 8 + 24 + 8 + 8, chain.upperOffset());
        assertEquals(4, chain.headers());
        assertTrue(chain.isFragment());
        assertEquals(0, chain.fragmentOffset());
        assertTrue(chain.moreFragments());
    }

    @Test
    void stopsAtANonFirstFragment() {
        assertNull(walk(44, fragment(60, 1480, false), new byte[13]));
        assertTrue(chain.isFragment());
        assertEquals(1480, chain.fragmentOffset());
        assertEquals(60, chain.upperProtocol(), "the next header as the fragment header names it");
        assertEquals(48, chain.upperOffset());
    }

    @Test
    void stepsOverAuthenticationHeadersByTheirOwnLengthUnit() {
        byte[] ah = new byte[24];
        ah[0] = 17;
        ah[1] = 4; // (4 + 2) * 4 = 24 bytes
        assertNull(walk(51, ah, new byte[8]));
        assertEquals(17, chain.upperProtocol());
        assertEquals(64, chain.upperOffset());
    }

    @Test
    void noNextHeaderAndEspEndTheChain() {
        assertNull(walk(60, options(59)));
        assertEquals(59, chain.upperProtocol());
        assertNull(walk(50, new byte[16]));
        assertEquals(50, chain.upperProtocol());
    }

    @Test
    void refusesHopByHopAnywhereButFirst() {
        assertEquals(ExtensionHeaderChain.HOP_BY_HOP_NOT_FIRST, walk(60, options(0), options(17)));
    }

    @Test
    void refusesChainsRunningPastThePayload() {
        assertEquals(ExtensionHeaderChain.TRUNCATED, walk(0, new byte[] {17}));
        assertEquals(ExtensionHeaderChain.TRUNCATED, walk(0, new byte[] {17, 1, 0, 0, 0, 0, 0, 0}));
        assertEquals(ExtensionHeaderChain.TRUNCATED, walk(44, new byte[] {17, 0, 0, 0, 0, 0}));
    }

    @Test
    void boundsTheNumberAndLengthOfHeaders() {
        byte[][] many = new byte[9][];
        for (int i = 0; i < 9; i++) {
            many[i] = options(i == 8 ? 17 : 60);
        }
        assertEquals(ExtensionHeaderChain.TOO_MANY, walk(60, many));
        byte[] huge = new byte[1024];
        huge[0] = 17;
        huge[1] = (byte) 127; // 1024 bytes of options
        assertEquals(ExtensionHeaderChain.TOO_LONG, walk(60, huge));
    }

    @Test
    void refusesImpossibleFragments() {
        assertEquals(ExtensionHeaderChain.BAD_FRAGMENT, walk(44, fragment(17, 0, true), new byte[13]),
                "a non-last fragment carries a multiple of 8 bytes");
        assertEquals(ExtensionHeaderChain.BAD_FRAGMENT, walk(44, fragment(17, 0xfff8, false), new byte[16]),
                "it would end past 65535");
    }

    @Test
    void refusesTypeZeroRoutingHeadersWithSegmentsLeft() {
        byte[] rh0 = routing(17);
        rh0[3] = 1; // type 0, one segment left
        assertEquals(ExtensionHeaderChain.ROUTING_TYPE_0, walk(43, rh0, new byte[8]));
        rh0[3] = 0;
        assertNull(walk(43, rh0, new byte[8]), "with no segments left it is ignored, as RFC 8200 says");
        byte[] srh = routing(17);
        srh[2] = 4;
        srh[3] = 1;
        assertNull(walk(43, srh, new byte[8]), "other routing types are the destination's business");
    }
}

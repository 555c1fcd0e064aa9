package dev.culvert.vpn.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;

/**
 * Jazzer target for the plain control packet parser. In a normal build it runs over the kept seed
 * corpus (src/test/resources/dev/culvert/vpn/wire/ControlPacketFuzzTestInputs/); with {@code -Pfuzz}
 * it fuzzes for a bounded time (see the pom). Any exception is a finding, and so is a packet the
 * parser accepts that the writer does not reproduce byte for byte (the format has one encoding).
 */
class ControlPacketFuzzTest {
    private final ControlPacketView view = new ControlPacketView();

    @FuzzTest(maxDuration = "30s")
    void parse(byte[] data) {
        if (view.wrap(data, 0, data.length) != null) {
            return;
        }
        ControlPacket packet = ControlPacket.of(view);
        assertEquals(data.length, packet.encodedLength());
        assertArrayEquals(data, ControlPacketWriter.toBytes(packet));
        byte[] shifted = new byte[data.length + 3];
        System.arraycopy(data, 0, shifted, 3, data.length);
        assertEquals(null, view.wrap(shifted, 3, data.length));
        assertEquals(packet, ControlPacket.of(view));
        assertEquals(packet.payloadLength(), Arrays.copyOfRange(shifted, view.payloadOffset(), shifted.length).length);
    }
}

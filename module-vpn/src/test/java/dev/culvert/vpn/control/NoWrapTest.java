package dev.culvert.vpn.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class NoWrapTest {
    private static final byte[] RESET = TestKeys.HEX.parseHex("38" + "6891923fa3103437" + "00" + "00000000");

    @Test
    void packetsGoOutAndComeInUnchanged() {
        NoWrap none = new NoWrap();
        byte[] wire = new byte[RESET.length];
        assertEquals(RESET.length, none.wrap(RESET, 0, RESET.length, wire, 0));
        assertArrayEquals(RESET, wire);
        ControlPlaintext out = new ControlPlaintext();
        assertNull(none.unwrap(wire, 0, wire.length, 0, out));
        assertArrayEquals(RESET, Arrays.copyOf(out.bytes(), out.length()));
    }

    @Test
    void boundsAreChecked() {
        NoWrap none = new NoWrap();
        assertSame(WrapDrops.TOO_LONG, none.unwrap(RESET, 0, RESET.length, 0, new ControlPlaintext(13)));
        assertThrows(IllegalArgumentException.class, () -> none.wrap(RESET, 0, 8, new byte[20], 0));
        assertThrows(IllegalArgumentException.class, () -> none.wrap(RESET, 0, RESET.length, new byte[13], 0));
    }
}

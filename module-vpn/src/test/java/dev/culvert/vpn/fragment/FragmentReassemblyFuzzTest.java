package dev.culvert.vpn.fragment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.culvert.core.packet.Packet;
import dev.culvert.core.packet.PacketPool;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Jazzer target for reassembly. A normal build runs it over the kept corpus in
 * src/test/resources/dev/culvert/vpn/fragment/FragmentReassemblyFuzzTestInputs/accept/;
 * {@code -Pfuzz} fuzzes it. Byte 0 picks the mode: even = the rest is a stream of fragments, each
 * a length byte and that many bytes (header included), fed with the clock moving by a second every
 * few parts; odd = the rest is a payload split by the splitter at a size from byte 1 and fed back
 * in the order byte 2 seeds, which must come out as it went in. Any exception is a finding; so is
 * a packet delivered larger than the bound, or a pool packet not returned.
 */
class FragmentReassemblyFuzzTest {
    private static final int BOUND = 1920;
    private final PacketPool pool = new PacketPool("vpn-fragment-fuzz", 40);

    @FuzzTest(maxDuration = "30s")
    void accept(byte[] data) {
        if (data.length < 3) {
            return;
        }
        FragmentReassembly reassembly = new FragmentReassembly(BOUND, reason -> { });
        try {
            if ((data[0] & 1) == 0) {
                stream(reassembly, data);
            } else {
                roundTrip(reassembly, data);
            }
        } finally {
            assertEquals(0, pool.outstanding());
        }
    }

    private void stream(FragmentReassembly reassembly, byte[] data) {
        long now = 0;
        for (int at = 1; at < data.length; ) {
            int n = Math.min(data[at] & 0xff, data.length - at - 1);
            Packet p = pool.acquire();
            try {
                p.setContents(data, at + 1, n);
                if (reassembly.accept(p, now) == FragmentReassembly.Outcome.DELIVER) {
                    assertTrue(p.length() <= BOUND, "a delivered packet of " + p.length() + " bytes");
                }
            } finally {
                p.release();
            }
            at += 1 + n;
            now += (data[at - 1] & 3) * 1_000_000_000L;
        }
    }

    private void roundTrip(FragmentReassembly reassembly, byte[] data) {
        byte[] payload = Arrays.copyOfRange(data, 3, Math.min(data.length, 3 + 1500));
        if (payload.length == 0) {
            return;
        }
        FragmentSplitter splitter = new FragmentSplitter(new FragmentSize(68 + (data[1] & 0xff) * 4, false));
        Packet whole = pool.acquire();
        List<Packet> parts = new ArrayList<>();
        try {
            whole.setContents(payload, 0, payload.length);
            int count = splitter.parts(payload.length, 24);
            if (count <= 1) {
                return;
            }
            int sequence = splitter.nextSequence();
            for (int i = 0; i < count; i++) {
                Packet part = pool.acquire();
                parts.add(part);
                splitter.writePart(whole, 24, count, sequence, i, part);
            }
            java.util.Collections.shuffle(parts, new java.util.Random(data[2]));
            byte[] out = null;
            for (Packet part : parts) {
                if (reassembly.accept(part, 0) == FragmentReassembly.Outcome.DELIVER) {
                    out = part.toByteArray();
                }
            }
            assertArrayEquals(payload, out, "split and put back together");
        } finally {
            whole.release();
            parts.forEach(Packet::release);
        }
    }
}

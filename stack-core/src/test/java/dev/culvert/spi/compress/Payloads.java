package dev.culvert.spi.compress;

import dev.culvert.core.packet.Packet;
import dev.culvert.core.packet.PacketPool;
import java.util.Random;

/** Test payloads and packets for the compression tests of stack-core and module-compress. */
public final class Payloads {
    /** The sizes every round trip covers: empty, tiny, both sides of the threshold, MTU-sized. */
    public static final int[] SIZES = {0, 1, 99, 100, 1400, 1500};

    private Payloads() {
    }

    /** Text-like bytes with long runs and repeats: every codec shrinks these. */
    public static byte[] compressible(int length, long seed) {
        Random random = new Random(seed);
        byte[] data = new byte[length];
        int i = 0;
        while (i < length) {
            int run = 1 + random.nextInt(40);
            byte b = (byte) ('a' + random.nextInt(4));
            for (int k = 0; k < run && i < length; k++) {
                data[i++] = b;
            }
        }
        return data;
    }

    /** Uniformly random bytes: no codec shrinks these. */
    public static byte[] random(int length, long seed) {
        byte[] data = new byte[length];
        new Random(seed).nextBytes(data);
        return data;
    }

    /** A packet from {@code pool} holding {@code payload} after the pool's headroom. */
    public static Packet packet(PacketPool pool, byte[] payload) {
        Packet packet = pool.acquire();
        if (packet == null) {
            throw new IllegalStateException("test pool exhausted: " + pool);
        }
        packet.setContents(payload, 0, payload.length);
        return packet;
    }
}

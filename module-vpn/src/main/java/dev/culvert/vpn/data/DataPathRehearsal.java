package dev.culvert.vpn.data;

import dev.culvert.core.packet.Packet;
import dev.culvert.core.packet.PacketPool;
import dev.culvert.vpn.keys.DataCipher;
import dev.culvert.vpn.keys.HmacDigest;
import dev.culvert.vpn.keys.Key2Splitter;
import dev.culvert.vpn.keys.Role;
import dev.culvert.vpn.replay.ReplayWindow;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * Seals made-up packets as a client would and opens them as its server would, with throw-away
 * keys, through the same data channel, key contexts, replay window and AEAD provider a live
 * session uses: run before the first client's traffic, it lets HotSpot compile that path (and
 * reach the provider's AES-GCM intrinsics) instead of the first seconds of a tunnel running it
 * interpreted, several times slower. The packets never leave the process and no live counter,
 * pool or window sees them; the keys are random and wiped at the end.
 */
public final class DataPathRehearsal {
    /**
     * Round trips per rehearsal: beyond HotSpot's thresholds for the optimising compiler
     * (5,000 calls, 15,000 with loops), so the hot methods leave the interpreter and the first tier.
     */
    public static final int ROUNDS = 20_000;
    /** Inside packets as a tunnel carries them: full TCP segments, their ACKs, a ping. */
    private static final int[] SIZES = {1400, 52, 1400, 84};
    private static final int PEER_ID = 1;

    private DataPathRehearsal() {
    }

    /**
     * Seals and opens {@code rounds} packets with {@code cipher} ({@code auth} is its digest when it
     * is a CBC cipher) and the provider {@code aead} gives; returns how many opened to the bytes that
     * were sealed: all of them, unless the data channel or the provider is broken.
     *
     * @throws GeneralSecurityException if the provider cannot make contexts for {@code cipher}
     */
    public static int run(DataCipher cipher, HmacDigest auth, AeadSource aead, int rounds) throws GeneralSecurityException {
        byte[] key2 = new byte[Key2Splitter.KEY2_LENGTH];
        new SecureRandom().nextBytes(key2);
        PacketPool pool = new PacketPool("data-rehearsal", 1);
        Packet packet = pool.acquire();
        try (DataChannel client = new DataChannel(); DataChannel server = new DataChannel()) {
            client.install(new KeyContext(0, Key2Splitter.split(key2, cipher, auth, Role.CLIENT), new ReplayWindow(), aead));
            server.install(new KeyContext(0, Key2Splitter.split(key2, cipher, auth, Role.SERVER), new ReplayWindow(), aead));
            client.makePrimary(0);
            client.sendPeerId(PEER_ID);
            server.expectPeerId(PEER_ID);
            int intact = 0;
            for (int round = 0; round < rounds; round++) {
                int size = SIZES[round % SIZES.length];
                packet.setWindow(PacketPool.DEFAULT_HEADROOM, size);
                packet.putInt(0, round);
                packet.putInt(size - 4, ~round);
                if (client.seal(packet) == null && server.open(packet, round) == null && packet.length() == size
                        && packet.getInt(0) == round && packet.getInt(size - 4) == ~round) {
                    intact++;
                }
            }
            return intact;
        } finally {
            Arrays.fill(key2, (byte) 0);
            packet.release();
        }
    }
}

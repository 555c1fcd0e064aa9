package dev.culvert.vpn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.culvert.core.aead.JceAeadProvider;
import dev.culvert.core.graph.DropReason;
import dev.culvert.core.packet.Packet;
import dev.culvert.core.packet.PacketPool;
import dev.culvert.vpn.keys.DataCipher;
import dev.culvert.vpn.keys.HmacDigest;
import dev.culvert.vpn.keys.Key2Splitter;
import dev.culvert.vpn.keys.Role;
import dev.culvert.vpn.replay.ReplayWindow;
import java.security.GeneralSecurityException;
import java.util.Arrays;

/**
 * Jazzer targets for the data packet opener, {@link #open} with an AEAD key and {@link #openCbc}
 * with a legacy AES-CBC/HMAC key. A normal build runs them over the kept corpus in
 * src/test/resources/dev/culvert/vpn/data/DataChannelFuzzTestInputs/; {@code -Pfuzz} fuzzes
 * them. Byte 0 picks the mode: even = the rest is a received datagram as is; odd = the rest is a
 * payload the client seals, after which byte 1 (position) and byte 2 (XOR mask) corrupt one
 * byte before the server opens it. Any exception is a finding; so is raw input or a forgery that
 * opens, a genuine packet that does not, or a packet the pool does not get back.
 */
class DataChannelFuzzTest {
    private final PacketPool pool = new PacketPool("vpn-data-fuzz", 4);
    private final DataChannel client = new DataChannel();
    private final DataChannel server = new DataChannel();
    private final DataChannel cbcClient = new DataChannel();
    private final DataChannel cbcServer = new DataChannel();
    private long now;

    DataChannelFuzzTest() throws GeneralSecurityException {
        byte[] key2 = new byte[256];
        for (int i = 0; i < key2.length; i++) {
            key2[i] = (byte) (i * 13 + 1);
        }
        JceAeadProvider jce = new JceAeadProvider();
        client.install(new KeyContext(0, Key2Splitter.split(key2, DataCipher.AES_256_GCM, Role.CLIENT), new ReplayWindow(), jce));
        server.install(new KeyContext(0, Key2Splitter.split(key2, DataCipher.AES_256_GCM, Role.SERVER), new ReplayWindow(), jce));
        client.makePrimary(0);
        client.sendPeerId(0);
        server.expectPeerId(0);
        cbcClient.install(new KeyContext(0, Key2Splitter.split(key2, DataCipher.AES_256_CBC, HmacDigest.SHA256, Role.CLIENT),
                new ReplayWindow(), jce));
        cbcServer.install(new KeyContext(0, Key2Splitter.split(key2, DataCipher.AES_256_CBC, HmacDigest.SHA256, Role.SERVER),
                new ReplayWindow(), jce));
        cbcClient.makePrimary(0);
        cbcClient.sendPeerId(0);
        cbcServer.expectPeerId(0);
    }

    @FuzzTest(maxDuration = "30s")
    void open(byte[] data) {
        exercise(client, server, data);
    }

    @FuzzTest(maxDuration = "30s")
    void openCbc(byte[] data) {
        exercise(cbcClient, cbcServer, data);
    }

    private void exercise(DataChannel client, DataChannel server, byte[] data) {
        if (data.length < 3) {
            return;
        }
        Packet p = pool.acquire();
        try {
            now += 1_000_000L;
            if ((data[0] & 1) == 0) {
                int length = Math.min(data.length - 1, p.capacity() - p.offset());
                p.setContents(data, 1, length);
                // Only the client's key seals: bytes that never went through it must not open.
                assertNotNull(server.open(p, now), "raw bytes were refused");
                return;
            }
            int length = Math.min(data.length - 3, 1400);
            byte[] payload = Arrays.copyOfRange(data, 3, 3 + length);
            p.setContents(payload, 0, length);
            assertNull(client.seal(p));
            int position = (data[1] & 0xff) % p.length();
            int mask = data[2] & 0xff;
            p.putByte(position, p.getUnsignedByte(position) ^ mask);
            DropReason r = server.open(p, now);
            if (mask == 0) {
                assertNull(r, "a genuine packet opens");
                assertArrayEquals(payload, p.toByteArray());
            } else {
                assertNotNull(r, "a corrupted packet is refused");
            }
        } finally {
            p.release();
            assertEquals(0, pool.outstanding());
        }
    }
}

package dev.culvert.vpn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.culvert.core.packet.Packet;
import dev.culvert.core.packet.PacketPool;
import dev.culvert.spi.aead.AeadAlgorithm;
import dev.culvert.spi.aead.AeadCipher;
import dev.culvert.spi.aead.AeadProvider;
import dev.culvert.vpn.keys.DataCipher;
import dev.culvert.vpn.keys.Key2Splitter;
import dev.culvert.vpn.keys.Role;
import dev.culvert.vpn.replay.ReplayWindow;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A key whose AEAD source names another provider moves its contexts there with the next packet of
 * each direction, on the thread of that direction: same key bytes, packet ids and replay window
 * carried on, the old context closed, nothing renegotiated. A provider that cannot build a
 * context is skipped and counted, and traffic goes on with the old one.
 */
class KeyContextFollowsSourceTest {
    final PacketPool pool = new PacketPool("follow-test", 16);
    final List<Packet> held = new ArrayList<>();
    final Tracked a = new Tracked("a", true);
    final Tracked b = new Tracked("b", true);
    AeadProvider current = a;
    final AeadSource source = () -> current;

    @AfterEach
    void poolBalances() {
        held.forEach(Packet::release);
        assertEquals(0, pool.outstanding());
    }

    KeyContext key(Role role) throws GeneralSecurityException {
        return new KeyContext(0, Key2Splitter.split(DataChannelTest.key2(), DataCipher.of(AeadAlgorithm.AES_256_GCM), role), new ReplayWindow(), source);
    }

    Packet sealed(KeyContext k) {
        Packet p = pool.acquire();
        held.add(p);
        p.setContents(DataChannelTest.PAYLOAD, 0, DataChannelTest.PAYLOAD.length);
        assertNull(k.seal(p, 0));
        return p;
    }

    @Test
    void eachDirectionMovesWithItsNextPacketAndPacketIdsCarryOn() throws GeneralSecurityException {
        KeyContext client = key(Role.CLIENT);
        KeyContext server = key(Role.SERVER);
        Packet first = sealed(client);
        assertNull(server.open(first, DataOpcodes.V2_HEADER, 0));

        current = b;
        assertEquals("a", client.providerName(), "nothing moves before a packet passes");
        Packet second = sealed(client);
        assertEquals(2, second.getInt(4), "packet ids carry on across the swap");
        assertEquals("b", client.providerName());
        assertEquals("a", client.openerProviderName(), "the opening side moves with its own next packet");
        assertNull(server.open(second, DataOpcodes.V2_HEADER, 0), "a context from b opens what b sealed with the same key");
        assertArrayEquals(DataChannelTest.PAYLOAD, second.toByteArray());
        assertEquals("b", server.openerProviderName());
        assertEquals(1, client.rebinds());
        assertEquals(1, server.rebinds());
        assertEquals(2, a.closed, "a's sealing context (client) and opening context (server) were closed once replaced");
        assertEquals(2 + 2, a.built, "two contexts per end at the start");
        assertEquals(2, b.built, "one new context per direction that carried a packet");
    }

    @Test
    void theReplayWindowSurvivesTheMove() throws GeneralSecurityException {
        KeyContext client = key(Role.CLIENT);
        KeyContext server = key(Role.SERVER);
        Packet first = sealed(client);
        Packet again = pool.acquire();
        held.add(again);
        again.setContents(first.toByteArray(), 0, first.length());
        assertNull(server.open(first, DataOpcodes.V2_HEADER, 0));
        current = b;
        assertSame(DataDrops.REPLAY, server.open(again, DataOpcodes.V2_HEADER, 0), "decrypted once, never twice");
        assertEquals("b", server.openerProviderName());
    }

    @Test
    void aProviderThatCannotBuildTheContextIsSkippedAndCounted() throws GeneralSecurityException {
        KeyContext client = key(Role.CLIENT);
        KeyContext server = key(Role.SERVER);
        Tracked refusing = new Tracked("refusing", false);
        current = refusing;
        for (int i = 0; i < 3; i++) {
            assertNull(server.open(sealed(client), DataOpcodes.V2_HEADER, 0), "traffic goes on with the old contexts");
        }
        assertEquals("a", client.providerName());
        assertEquals(1, client.refusedRebinds(), "tried once, not on every packet");
        assertEquals(1, server.refusedRebinds());
        current = b;
        assertNull(server.open(sealed(client), DataOpcodes.V2_HEADER, 0));
        assertEquals("b", client.providerName(), "a later provider is taken again");
    }

    @Test
    void aFixedProviderIsKeptAfterAnExplicitRebuild() throws GeneralSecurityException {
        KeyContext client = key(Role.CLIENT);
        client.rebuild(b);
        current = a;
        sealed(client);
        assertEquals("b", client.providerName(), "rebuild pins the provider; the source no longer moves it");
    }

    /** JCE contexts that count how many were built and closed; {@code supports} false refuses every algorithm. */
    static final class Tracked implements AeadProvider {
        final String name;
        final boolean supports;
        int built;
        int closed;

        Tracked(String name, boolean supports) {
            this.name = name;
            this.supports = supports;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public boolean supports(AeadAlgorithm algorithm) {
            return supports;
        }

        @Override
        public AeadCipher newCipher(AeadAlgorithm algorithm, byte[] key, boolean encrypt) throws GeneralSecurityException {
            AeadCipher inner = DataChannelTest.JCE.newCipher(algorithm, key, encrypt);
            built++;
            return new AeadCipher() {
                @Override
                public AeadAlgorithm algorithm() {
                    return inner.algorithm();
                }

                @Override
                public void seal(byte[] nonce, ByteBuffer aad, int aadOffset, int aadLength, ByteBuffer data, int offset, int length,
                                 int tagOffset) {
                    inner.seal(nonce, aad, aadOffset, aadLength, data, offset, length, tagOffset);
                }

                @Override
                public boolean open(byte[] nonce, ByteBuffer aad, int aadOffset, int aadLength, ByteBuffer data, int offset, int length,
                                    int tagOffset) {
                    return inner.open(nonce, aad, aadOffset, aadLength, data, offset, length, tagOffset);
                }

                @Override
                public void close() {
                    closed++;
                    inner.close();
                }
            };
        }
    }
}

package dev.culvert.vpn.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.vpn.wire.ControlPacket;
import dev.culvert.vpn.wire.ControlPacketWriter;
import dev.culvert.vpn.wire.Opcode;
import dev.culvert.vpn.wire.SessionId;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** tls-crypt-v2: 2.6's key files, the wrapped client key, and the two sides' wrappings. */
class TlsCryptV2Test {
    private static final HexFormat HEX = HexFormat.of();
    private static final SessionId CLIENT = new SessionId(0x1111_2222_3333_4444L);
    private static final SessionId SERVER = new SessionId(0x5555_6666_7777_8888L);

    private final ControlPlaintext plain = new ControlPlaintext();

    @Test
    void theServerKeyOf26sTestsIsBytesZeroTo127() {
        try (TlsCryptV2ServerKey key = TlsCryptV2Vectors.serverKey()) {
            assertArrayEquals(Arrays.copyOfRange(TlsCryptV2Vectors.counting(128), 0, 32), key.encryptionKey());
            assertArrayEquals(Arrays.copyOfRange(TlsCryptV2Vectors.counting(128), 64, 96), key.authenticationKey());
            assertEquals(TlsCryptV2Vectors.SERVER_KEY, key.toPem());
        }
    }

    @Test
    void aClientKeyFileIsKcThenAWrappedKeyOf299Bytes() {
        try (TlsCryptV2ClientKey key = TlsCryptV2Vectors.clientKey()) {
            assertEquals(299, key.wrapped().length);
            assertEquals("012b", HEX.formatHex(key.wrapped(), 297, 299));
            assertArrayEquals(Arrays.copyOfRange(TlsCryptV2Vectors.counting(256), 64, 96), key.clientKey().hmacKey(0, 32));
            assertEquals(TlsCryptV2Vectors.CLIENT_KEY, key.toPem());
        }
    }

    @Test
    void theServerKeyUnwraps26sClientKeyToKcAndATimestampOfZero() {
        try (TlsCryptV2ServerKey server = TlsCryptV2Vectors.serverKey(); TlsCryptV2ClientKey client = TlsCryptV2Vectors.clientKey();
             WrappedClientKey wkc = new WrappedClientKey(server)) {
            byte[] kc = new byte[256];
            byte[] wrapped = client.wrapped();
            assertNull(wkc.unwrap(wrapped, 0, wrapped.length, kc));
            assertArrayEquals(TlsCryptV2Vectors.counting(256), kc);
            assertEquals("010000000000000000", HEX.formatHex(wkc.metadata(wrapped, 0, wrapped.length)));
        }
    }

    @Test
    void wrappingKcWithThatMetadataGivesTheSameBytesAs26() {
        try (TlsCryptV2ServerKey server = TlsCryptV2Vectors.serverKey(); TlsCryptV2ClientKey client = TlsCryptV2Vectors.clientKey();
             WrappedClientKey wkc = new WrappedClientKey(server)) {
            byte[] metadata = HEX.parseHex("010000000000000000");
            assertArrayEquals(client.wrapped(), wkc.wrap(TlsCryptV2Vectors.counting(256), metadata));
        }
    }

    @Test
    void userMetadataUnwrapsToo() throws StaticKeyException {
        try (TlsCryptV2ServerKey server = TlsCryptV2Vectors.serverKey();
             TlsCryptV2ClientKey client = TlsCryptV2ClientKey.parse(TlsCryptV2Vectors.CLIENT_KEY_WITH_METADATA, "test");
             WrappedClientKey wkc = new WrappedClientKey(server)) {
            byte[] wrapped = client.wrapped();
            assertNull(wkc.unwrap(wrapped, 0, wrapped.length, new byte[256]));
            assertEquals(WrappedClientKey.METADATA_USER, wkc.metadata(wrapped, 0, wrapped.length)[0]);
        }
    }

    @Test
    void aTamperedOrMisplacedWrappedKeyIsRefusedWithItsReason() {
        try (TlsCryptV2ServerKey server = TlsCryptV2Vectors.serverKey(); TlsCryptV2ClientKey client = TlsCryptV2Vectors.clientKey();
             WrappedClientKey wkc = new WrappedClientKey(server)) {
            byte[] kc = new byte[256];
            byte[] flipped = client.wrapped().clone();
            flipped[100] ^= 1;
            assertSame(TlsCryptV2Drops.BAD_CLIENT_KEY_TAG, wkc.unwrap(flipped, 0, flipped.length, kc));
            assertArrayEquals(new byte[256], kc, "nothing of a refused key is left behind");
            byte[] longer = Arrays.copyOf(client.wrapped(), 300);
            assertSame(TlsCryptV2Drops.BAD_CLIENT_KEY_LENGTH, wkc.unwrap(longer, 0, longer.length, kc));
            assertSame(TlsCryptV2Drops.BAD_CLIENT_KEY_LENGTH, wkc.unwrap(new byte[2000], 0, 2000, kc));
            assertSame(TlsCryptV2Drops.BAD_CLIENT_KEY_LENGTH, wkc.unwrap(new byte[10], 0, 10, kc));
        }
    }

    @Test
    void aClientKeyWhoseLengthFieldDisagreesIsRefusedNamingTheFix() {
        String damaged = TlsCryptV2Vectors.CLIENT_KEY.replace("HgEr", "HgEs");
        StaticKeyException e = assertThrows(StaticKeyException.class, () -> TlsCryptV2ClientKey.parse(damaged, "client.key"));
        assertTrue(e.getMessage().startsWith("client.key: the wrapped key says it is"), e.getMessage());
        assertTrue(e.getMessage().contains("--genkey tls-crypt-v2-client"), e.getMessage());
        StaticKeyException wrongKind = assertThrows(StaticKeyException.class,
                () -> TlsCryptV2ServerKey.parse(TlsCryptV2Vectors.CLIENT_KEY, "server.key"));
        assertTrue(wrongKind.getMessage().contains("not a OpenVPN tls-crypt-v2 server key"), wrongKind.getMessage());
    }

    @Test
    void theClientsResetGoesOutAsV3WithItsWrappedKeyAndEarlyNegotiationReplayId() {
        try (TlsCryptV2ClientKey key = TlsCryptV2Vectors.clientKey(); TlsCryptV2Client client = TlsCryptV2Client.create(key, 1000)) {
            byte[] wire = wrap(client, new ControlPacket(Opcode.CONTROL_HARD_RESET_CLIENT_V2, 0, CLIENT, new long[0], null, 0, new byte[0]));
            assertSame(Opcode.CONTROL_HARD_RESET_CLIENT_V3, Opcode.ofByte0(wire[0]));
            assertEquals("0f000001", HEX.formatHex(wire, 9, 13));
            assertArrayEquals(key.wrapped(), Arrays.copyOfRange(wire, wire.length - 299, wire.length));
        }
    }

    @Test
    void theServerOpensTheV3ResetWithTheKeyItCarriesAndSeesAPlainReset() {
        try (TlsCryptV2ClientKey key = TlsCryptV2Vectors.clientKey(); TlsCryptV2ServerKey serverKey = TlsCryptV2Vectors.serverKey();
             TlsCryptV2Client client = TlsCryptV2Client.create(key, 1000);
             TlsCryptV2Server server = new TlsCryptV2Server(serverKey, false, 2000)) {
            ControlPacket reset = new ControlPacket(Opcode.CONTROL_HARD_RESET_CLIENT_V2, 0, CLIENT, new long[0], null, 0, new byte[0]);
            byte[] wire = wrap(client, reset);
            assertNull(server.unwrap(wire, 0, wire.length, 0, plain));
            assertArrayEquals(ControlPacketWriter.toBytes(reset), Arrays.copyOf(plain.bytes(), plain.length()));

            ControlPacket answer = new ControlPacket(Opcode.CONTROL_HARD_RESET_SERVER_V2, 0, SERVER, new long[] {0}, CLIENT, 0,
                    EarlyNegotiation.resendWkcPayload());
            byte[] back = wrap(server, answer);
            assertNull(client.unwrap(back, 0, back.length, 0, plain));
            assertTrue(client.resendingWrappedKey());

            ControlPacket hello = new ControlPacket(Opcode.CONTROL_V1, 0, CLIENT, new long[] {0}, SERVER, 1, "hello".getBytes());
            byte[] second = wrap(client, hello);
            assertSame(Opcode.CONTROL_WKC_V1, Opcode.ofByte0(second[0]));
            assertNull(server.unwrap(second, 0, second.length, 0, plain));
            assertArrayEquals(ControlPacketWriter.toBytes(hello), Arrays.copyOf(plain.bytes(), plain.length()),
                    "P_CONTROL_WKC_V1 reads as the P_CONTROL_V1 it is");

            ControlPacket third = new ControlPacket(Opcode.CONTROL_V1, 0, CLIENT, new long[0], null, 2, "more".getBytes());
            byte[] plainControl = wrap(client, third);
            assertSame(Opcode.CONTROL_V1, Opcode.ofByte0(plainControl[0]), "only message 1 carries the key again");
            assertNull(server.unwrap(plainControl, 0, plainControl.length, 0, plain));
        }
    }

    @Test
    void withoutTheKeyAServerOpensNothingAndAForeignKeyIsRefused() throws StaticKeyException {
        try (TlsCryptV2ServerKey serverKey = TlsCryptV2Vectors.serverKey();
             TlsCryptV2Server server = new TlsCryptV2Server(serverKey, false, 2000);
             TlsCryptV2ServerKey other = TlsCryptV2ServerKey.ofBytes(new byte[128]);
             TlsCryptV2Server stranger = new TlsCryptV2Server(other, false, 2000);
             TlsCryptV2ClientKey key = TlsCryptV2Vectors.clientKey();
             TlsCryptV2Client client = TlsCryptV2Client.create(key, 1000)) {
            byte[] control = wrap(client, new ControlPacket(Opcode.CONTROL_V1, 0, CLIENT, new long[0], null, 1, "x".getBytes()));
            assertSame(TlsCryptV2Drops.NO_CLIENT_KEY, server.unwrap(control, 0, control.length, 0, plain));
            byte[] reset = wrap(client, new ControlPacket(Opcode.CONTROL_HARD_RESET_CLIENT_V2, 0, CLIENT, new long[0], null, 0, new byte[0]));
            assertSame(TlsCryptV2Drops.BAD_CLIENT_KEY_TAG, stranger.unwrap(reset, 0, reset.length, 0, plain));
            byte[] cut = Arrays.copyOf(reset, reset.length - 1);
            assertSame(TlsCryptV2Drops.BAD_CLIENT_KEY_LENGTH, server.unwrap(cut, 0, cut.length, 0, plain));
            reset[20] ^= 1;
            assertSame(WrapDrops.BAD_TAG, server.unwrap(reset, 0, reset.length, 0, plain), "a good key on a forged packet opens nothing");
            assertThrows(IllegalStateException.class, () -> wrap(server, new ControlPacket(Opcode.CONTROL_V1, 0, SERVER, new long[0], null, 1,
                    new byte[1])), "nothing is sent before a client key is known");
        }
    }

    @Test
    void earlyNegotiationTlvsAreBoundedAndUnknownTypesSkipped() {
        assertEquals(0, EarlyNegotiation.flags(new byte[0], 0, 0));
        assertEquals(1, EarlyNegotiation.flags(HEX.parseHex("0007000199" + "000100020001"), 0, 11));
        assertEquals(EarlyNegotiation.MALFORMED, EarlyNegotiation.flags(HEX.parseHex("000100020001ff"), 0, 7));
        assertEquals(EarlyNegotiation.MALFORMED, EarlyNegotiation.flags(HEX.parseHex("0001000300010203"), 0, 8));
        assertEquals(EarlyNegotiation.MALFORMED, EarlyNegotiation.flags(HEX.parseHex("0002ffff00"), 0, 5));
        assertTrue(EarlyNegotiation.announcedBy(0x0f000001L));
        assertFalse(EarlyNegotiation.announcedBy(1));
    }

    @Test
    void aMalformedEarlyNegotiationPayloadIsACountedDrop() {
        try (TlsCryptV2ClientKey key = TlsCryptV2Vectors.clientKey(); TlsCryptV2ServerKey serverKey = TlsCryptV2Vectors.serverKey();
             TlsCryptV2Client client = TlsCryptV2Client.create(key, 1000);
             TlsCryptV2Server server = new TlsCryptV2Server(serverKey, false, 2000)) {
            byte[] wire = wrap(client, new ControlPacket(Opcode.CONTROL_HARD_RESET_CLIENT_V2, 0, CLIENT, new long[0], null, 0, new byte[0]));
            assertNull(server.unwrap(wire, 0, wire.length, 0, plain));
            byte[] back = wrap(server, new ControlPacket(Opcode.CONTROL_HARD_RESET_SERVER_V2, 0, SERVER, new long[] {0}, CLIENT, 0,
                    new byte[] {0, 1, 0}));
            assertSame(TlsCryptV2Drops.BAD_EARLY_NEGOTIATION, client.unwrap(back, 0, back.length, 0, plain));
            assertFalse(client.resendingWrappedKey());
        }
    }

    private static byte[] wrap(ControlWrap wrap, ControlPacket packet) {
        byte[] plainBytes = ControlPacketWriter.toBytes(packet);
        byte[] out = new byte[plainBytes.length + wrap.overhead()];
        int n = wrap.wrap(plainBytes, 0, plainBytes.length, out, 0);
        return Arrays.copyOf(out, n);
    }
}

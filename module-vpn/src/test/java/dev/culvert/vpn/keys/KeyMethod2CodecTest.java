package dev.culvert.vpn.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class KeyMethod2CodecTest {
    static final String OPTIONS = "V4,dev-type tun,link-mtu 1541,tun-mtu 1500,proto UDPv4,auth SHA1,keysize 128,key-method 2,tls-client";

    static byte[] filled(int n, int value) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) value);
        return b;
    }

    static KeyMethod2Message client(String user, String pass, String info) {
        return new KeyMethod2Message(filled(48, 0x11), filled(32, 0x22), filled(32, 0x33), OPTIONS, user, pass, info);
    }

    /** Builds a message by hand: the fixed part then each string given as raw (length, bytes). */
    static byte[] raw(boolean client, byte[]... strings) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {0, 0, 0, 0, 2});
        if (client) {
            out.writeBytes(filled(48, 0x11));
        }
        out.writeBytes(filled(32, 0x22));
        out.writeBytes(filled(32, 0x33));
        for (byte[] s : strings) {
            out.writeBytes(s);
        }
        return out.toByteArray();
    }

    static byte[] str(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[2 + b.length + 1];
        out[0] = (byte) ((b.length + 1) >> 8);
        out[1] = (byte) (b.length + 1);
        System.arraycopy(b, 0, out, 2, b.length);
        return out;
    }

    static KeyMethod2Codec.Read read(byte[] bytes, boolean fromClient) {
        return KeyMethod2Codec.read(bytes, 0, bytes.length, fromClient);
    }

    @Test
    void clientMessageLayoutIsByteExact() {
        byte[] wire = KeyMethod2Codec.write(client("", "", "IV_VER=1\n"));
        byte[] expected = raw(true, str(OPTIONS), new byte[] {0, 0}, new byte[] {0, 0}, str("IV_VER=1\n"));
        assertArrayEquals(expected, wire);
        assertEquals(2, wire[4]);
        assertEquals(0x11, wire[5]);
        assertEquals(0x22, wire[5 + 48]);
        assertEquals(0, wire[wire.length - 1], "strings end with their NUL");
    }

    @Test
    void serverMessageHasNoPreMasterAndEmptyStrings() {
        KeyMethod2Message server = new KeyMethod2Message(null, filled(32, 0x22), filled(32, 0x33), OPTIONS, "", "", "");
        byte[] wire = KeyMethod2Codec.write(server);
        assertArrayEquals(raw(false, str(OPTIONS), new byte[] {0, 0}, new byte[] {0, 0}, new byte[] {0, 0}), wire);
    }

    @Test
    void roundTripsBothDirections() {
        KeyMethod2Message sent = client("alice", "s3cret", "IV_VER=2.6.14\nIV_PROTO=2\n");
        KeyMethod2Codec.Read r = read(KeyMethod2Codec.write(sent), true);
        assertTrue(r.ok());
        KeyMethod2Message got = r.message();
        assertArrayEquals(sent.preMaster(), got.preMaster());
        assertArrayEquals(sent.random1(), got.random1());
        assertArrayEquals(sent.random2(), got.random2());
        assertEquals(OPTIONS, got.options());
        assertEquals("alice", got.username());
        assertEquals("s3cret", got.password());
        assertEquals("IV_VER=2.6.14\nIV_PROTO=2\n", got.peerInfo());

        KeyMethod2Message server = new KeyMethod2Message(null, filled(32, 5), filled(32, 6), "V4,tls-server", "", "", "");
        KeyMethod2Message back = read(KeyMethod2Codec.write(server), false).message();
        assertNull(back.preMaster());
        assertEquals("V4,tls-server", back.options());
    }

    @Test
    void acceptsEmptyStringsAsLengthOneWithALoneNul() {
        byte[] wire = raw(true, str(OPTIONS), new byte[] {0, 1, 0}, new byte[] {0, 1, 0}, new byte[] {0, 1, 0});
        KeyMethod2Message m = read(wire, true).message();
        assertEquals("", m.username());
        assertEquals("", m.password());
        assertEquals("", m.peerInfo());
    }

    @Test
    void missingTrailingStringsReadAsEmptyAndExtraBytesAreIgnored() {
        KeyMethod2Message m = read(raw(false, str(OPTIONS)), false).message();
        assertEquals("", m.username());
        assertEquals("", m.peerInfo());
        byte[] withTrailer = raw(true, str(OPTIONS), str("u"), str("p"), str("IV_VER=1"), new byte[] {9, 9, 9});
        assertEquals("IV_VER=1", read(withTrailer, true).message().peerInfo());
    }

    @Test
    void takesTextUpToTheFirstNul() {
        byte[] s = {0, 5, 'a', 'b', 0, 'c', 0};
        assertEquals("ab", read(raw(true, str(OPTIONS), s), true).message().username());
    }

    @Test
    void ignoresTheLeadingWordAndFlagBitsOfTheMethodByte() {
        byte[] wire = KeyMethod2Codec.write(client("", "", ""));
        wire[0] = 7;
        wire[4] = (byte) 0xF2;
        assertTrue(read(wire, true).ok());
    }

    @Test
    void refusesAnotherKeyMethod() {
        byte[] wire = KeyMethod2Codec.write(client("", "", ""));
        wire[4] = 1;
        assertSame(KeyMethod2Rejects.BAD_METHOD, read(wire, true).reject());
    }

    @Test
    void refusesTruncationAnywhere() {
        byte[] wire = KeyMethod2Codec.write(client("bob", "pw", "IV_VER=1\n"));
        for (int cut = 0; cut < 5 + 48 + 64 + 2; cut++) {
            assertSame(KeyMethod2Rejects.TRUNCATED, KeyMethod2Codec.read(wire, 0, cut, true).reject(), "cut at " + cut);
        }
        int insideOptions = 5 + 48 + 64 + 10;
        assertSame(KeyMethod2Rejects.TRUNCATED, KeyMethod2Codec.read(wire, 0, insideOptions, true).reject());
        assertSame(KeyMethod2Rejects.TRUNCATED, KeyMethod2Codec.read(wire, 0, wire.length - 1, true).reject(), "inside peer-info");
    }

    @Test
    void aServerMessageReadAsAClientOneIsTooShort() {
        byte[] wire = KeyMethod2Codec.write(new KeyMethod2Message(null, filled(32, 1), filled(32, 1), "", "", "", ""));
        assertSame(KeyMethod2Rejects.TRUNCATED, read(wire, true).reject());
    }

    @Test
    void enforcesTheStringLimits() {
        byte[] options512 = str("o".repeat(511));
        assertTrue(read(raw(true, options512), true).ok());
        assertSame(KeyMethod2Rejects.OPTIONS_TOO_LONG, read(raw(true, str("o".repeat(512))), true).reject());
        assertTrue(read(raw(true, str(OPTIONS), str("u".repeat(127)), str("p".repeat(127))), true).ok());
        assertSame(KeyMethod2Rejects.USERNAME_TOO_LONG, read(raw(true, str(OPTIONS), str("u".repeat(128))), true).reject());
        assertSame(KeyMethod2Rejects.PASSWORD_TOO_LONG,
                read(raw(true, str(OPTIONS), str("u"), str("p".repeat(128))), true).reject());
    }

    @Test
    void refusesMoreThan2048Bytes() {
        byte[] big = raw(true, str(OPTIONS), str(""), str(""), str("x".repeat(2048)));
        assertSame(KeyMethod2Rejects.TOO_LONG, read(big, true).reject());
    }

    @Test
    void writerRefusesWhatAPeerWouldRefuse() {
        assertThrows(IllegalArgumentException.class, () -> KeyMethod2Codec.write(client("u".repeat(128), "", "")));
        assertThrows(IllegalArgumentException.class, () -> KeyMethod2Codec.write(client("", "p".repeat(128), "")));
        assertThrows(IllegalArgumentException.class, () -> KeyMethod2Codec.write(client("", "", "x".repeat(1900))));
        assertThrows(IllegalArgumentException.class, () -> KeyMethod2Codec.write(client("a\0b", "", "")));
    }

    @Test
    void readsAtAnOffsetWithoutLookingOutside() {
        byte[] wire = KeyMethod2Codec.write(client("u", "p", "IV_VER=1"));
        byte[] framed = new byte[wire.length + 20];
        Arrays.fill(framed, (byte) 0x7f);
        System.arraycopy(wire, 0, framed, 10, wire.length);
        assertEquals("IV_VER=1", KeyMethod2Codec.read(framed, 10, wire.length, true).message().peerInfo());
    }

    @Test
    void wipeZeroesTheSecrets() {
        KeyMethod2Message m = client("", "", "");
        m.wipe();
        assertArrayEquals(new byte[48], m.preMaster());
        assertArrayEquals(new byte[32], m.random1());
        assertArrayEquals(new byte[32], m.random2());
    }

    /**
     * 2.6's key_method_2_write with auth-user-pass: write_string(username) and write_string(password),
     * each a uint16 length that counts the NUL, the bytes, the NUL, then peer-info.
     */
    @Test
    void credentialsAreWrittenAs26WritesThemWithAuthUserPass() {
        KeyMethod2Message m = new KeyMethod2Message(filled(48, 0x11), filled(32, 0x22), filled(32, 0x33), OPTIONS,
                Credentials.of("alice", "s3cret"), "IV_VER=1\n");
        byte[] wire = KeyMethod2Codec.write(m);
        assertArrayEquals(raw(true, str(OPTIONS), new byte[] {0, 6, 'a', 'l', 'i', 'c', 'e', 0},
                new byte[] {0, 7, 's', '3', 'c', 'r', 'e', 't', 0}, str("IV_VER=1\n")), wire);
    }

    @Test
    void anEmptyPasswordWithCredentialsKeepsItsNulAs26Does() {
        KeyMethod2Message m = new KeyMethod2Message(filled(48, 0x11), filled(32, 0x22), filled(32, 0x33), OPTIONS,
                Credentials.of("alice", ""), "");
        assertArrayEquals(raw(true, str(OPTIONS), str("alice"), new byte[] {0, 1, 0}, new byte[] {0, 0}), KeyMethod2Codec.write(m));
    }

    @Test
    void thePasswordIsWipedOnceWrittenAndNeverShown() {
        Credentials c = Credentials.of("alice", "s3cret");
        KeyMethod2Message m = new KeyMethod2Message(filled(48, 0x11), filled(32, 0x22), filled(32, 0x33), OPTIONS, c, "");
        KeyMethod2Codec.write(m);
        assertEquals("s3cret", m.password(), "writing leaves the message's own copy to its owner");
        m.wipeCredentials();
        assertArrayEquals(new byte[6], c.password());
        assertTrue(!m.toString().contains("s3cret") && !m.toString().contains("alice"), m.toString());
        assertTrue(!c.toString().contains("alice"), c.toString());
    }
}

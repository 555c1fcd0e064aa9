package dev.culvert.launcher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.vpn.control.TlsCryptV2ClientKey;
import dev.culvert.vpn.control.TlsCryptV2ServerKey;
import dev.culvert.vpn.control.WrappedClientKey;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * tls-crypt-v2 keys from the launcher, read back by module-vpn as a node reads them: the server
 * key, and a client key whose wrapped copy the server key opens, with the timestamp or the
 * operator's metadata inside. (Stock openvpn reading them is TlsCryptV2IT's.)
 */
class TlsCryptV2KeyFileTest {
    @TempDir
    Path dir;

    private Path serverKeyFile() throws Exception {
        Path file = dir.resolve("v2server.key");
        Files.writeString(file, TlsCryptV2KeyFile.serverKey(new SecureRandom()));
        return file;
    }

    @Test
    void aClientKeyIsOpenedByItsServerKeyAndCarriesTheTimeItWasMade() throws Exception {
        Path server = serverKeyFile();
        String pem = TlsCryptV2KeyFile.clientKey(server, null, 0x0102_0304_0506L, new SecureRandom());
        try (TlsCryptV2ServerKey serverKey = TlsCryptV2ServerKey.read(server);
             TlsCryptV2ClientKey client = TlsCryptV2ClientKey.parse(pem, "generated");
             WrappedClientKey unwrapper = new WrappedClientKey(serverKey)) {
            byte[] wkc = wrappedOf(client, unwrapper);
            assertEquals("010000010203040506", HexFormat.of().formatHex(unwrapper.metadata(wkc, 0, wkc.length)));
        }
    }

    @Test
    void operatorsMetadataGoesInAsType0() throws Exception {
        Path server = serverKeyFile();
        String pem = TlsCryptV2KeyFile.clientKey(server, "YWxpY2U=", 0, new SecureRandom());
        try (TlsCryptV2ServerKey serverKey = TlsCryptV2ServerKey.read(server);
             TlsCryptV2ClientKey client = TlsCryptV2ClientKey.parse(pem, "generated");
             WrappedClientKey unwrapper = new WrappedClientKey(serverKey)) {
            byte[] wkc = wrappedOf(client, unwrapper);
            assertEquals("00616c696365", HexFormat.of().formatHex(unwrapper.metadata(wkc, 0, wkc.length)));
        }
    }

    @Test
    void theLauncherAndModuleVpnWrapAKeyToTheSameBytes() {
        Random random = new Random(11);
        byte[] serverKey = new byte[128];
        byte[] kc = new byte[256];
        byte[] metadata = {1, 0, 0, 0, 0, 0, 0, 0, 42};
        random.nextBytes(serverKey);
        random.nextBytes(kc);
        byte[] launcher = new byte[32 + 256 + metadata.length + 2];
        TlsCryptV2KeyFile.wrapInto(serverKey, kc, metadata, launcher, 0);
        try (TlsCryptV2ServerKey key = TlsCryptV2ServerKey.ofBytes(serverKey); WrappedClientKey vpn = new WrappedClientKey(key)) {
            assertArrayEquals(vpn.wrap(kc, metadata), launcher);
        }
    }

    @Test
    void badMetadataOrServerKeysAreRefusedWithTheFix() throws Exception {
        Path server = serverKeyFile();
        IllegalArgumentException notBase64 = assertThrows(IllegalArgumentException.class,
                () -> TlsCryptV2KeyFile.clientKey(server, "not base64!", 0, new SecureRandom()));
        assertTrue(notBase64.getMessage().contains("fix: give it base64-encoded"), notBase64.getMessage());
        String tooLong = java.util.Base64.getEncoder().encodeToString(new byte[TlsCryptV2KeyFile.MAX_USER_METADATA + 1]);
        IllegalArgumentException long1 = assertThrows(IllegalArgumentException.class,
                () -> TlsCryptV2KeyFile.clientKey(server, tooLong, 0, new SecureRandom()));
        assertTrue(long1.getMessage().contains("at most 733"), long1.getMessage());
        Path staticKey = dir.resolve("ta.key");
        Files.writeString(staticKey, StaticKeyFile.generate());
        IllegalArgumentException wrongKey = assertThrows(IllegalArgumentException.class,
                () -> TlsCryptV2KeyFile.clientKey(staticKey, null, 0, new SecureRandom()));
        assertTrue(wrongKey.getMessage().contains("holds no 'OpenVPN tls-crypt-v2 server key' block"), wrongKey.getMessage());
    }

    @Test
    void theCommandLineMakesBothKindsAndWantsTheServerKeyForAClientKey() throws Exception {
        Path server = dir.resolve("s.key");
        Path client = dir.resolve("c.key");
        assertEquals(0, run("--genkey", "tls-crypt-v2-server", server.toString()));
        assertEquals(0, run("--tls-crypt-v2", server.toString(), "--genkey", "tls-crypt-v2-client", client.toString()));
        assertEquals(0, run("--genkey", "tls-crypt-v2-client", dir.resolve("d.key").toString(), "YWxpY2U=", "--tls-crypt-v2",
                server.toString()));
        try (TlsCryptV2ServerKey serverKey = TlsCryptV2ServerKey.read(server); TlsCryptV2ClientKey clientKey = TlsCryptV2ClientKey.read(client);
             WrappedClientKey unwrapper = new WrappedClientKey(serverKey)) {
            wrappedOf(clientKey, unwrapper);
        }
        assertEquals(2, run("--genkey", "tls-crypt-v2-client", client.toString()));
        assertEquals(2, run("--tls-crypt-v2", server.toString(), "--genkey", "tls-crypt"));
        assertEquals(2, run("--tls-crypt-v2", server.toString(), "--no-config"));
    }

    /** The client key's WKc, checked to unwrap to its Kc. */
    private static byte[] wrappedOf(TlsCryptV2ClientKey client, WrappedClientKey unwrapper) throws Exception {
        String pem = client.toPem();
        String body = pem.substring(pem.indexOf('\n') + 1, pem.indexOf("-----END")).replaceAll("\\s", "");
        byte[] all = java.util.Base64.getDecoder().decode(body);
        byte[] wkc = java.util.Arrays.copyOfRange(all, 256, all.length);
        byte[] kc = new byte[256];
        assertNull(unwrapper.unwrap(wkc, 0, wkc.length, kc));
        assertArrayEquals(java.util.Arrays.copyOf(all, 256), kc);
        assertArrayEquals(java.util.Arrays.copyOfRange(all, 64, 128), client.clientKey().hmacKey(0, 64));
        return wkc;
    }

    private static int run(String... args) throws Exception {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        return Main.run(args, new PrintStream(sink, true, StandardCharsets.UTF_8), new PrintStream(sink, true, StandardCharsets.UTF_8));
    }
}

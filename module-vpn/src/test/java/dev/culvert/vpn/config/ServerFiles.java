package dev.culvert.vpn.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Random;

/** A server's files for configuration tests: the demo PKI from module-vpn's resources, made-up DH parameters and static keys. */
public final class ServerFiles {
    private ServerFiles() {
    }

    /** A demo PKI file's text: ca.crt, server.crt, server.key, client.crt, client.key, tc.key. */
    public static String demo(String name) throws IOException {
        try (InputStream in = ServerFiles.class.getResourceAsStream("/dev/culvert/vpn/demo/" + name)) {
            if (in == null) {
                throw new IOException("no demo file " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    /** A PEM DH PARAMETERS block with a DER SEQUENCE inside (not a real group: Culvert only checks the form). */
    public static String dhPem() {
        byte[] der = new byte[64];
        new Random(7).nextBytes(der);
        der[0] = 0x30;
        der[1] = 62;
        return "-----BEGIN DH PARAMETERS-----\n" + Base64.getMimeEncoder().encodeToString(der) + "\n-----END DH PARAMETERS-----\n";
    }

    /** Writes ca.crt, server.crt, server.key, dh2048.pem, ta.key and the directory ccd into {@code dir}. */
    public static void write(Path dir) throws IOException {
        Files.writeString(dir.resolve("ca.crt"), demo("ca.crt"));
        Files.writeString(dir.resolve("server.crt"), demo("server.crt"));
        Files.writeString(dir.resolve("server.key"), demo("server.key"));
        Files.writeString(dir.resolve("dh2048.pem"), dhPem());
        Files.writeString(dir.resolve("ta.key"), TestMaterial.staticKeyText(new Random(3)));
        Files.createDirectories(dir.resolve("ccd"));
    }

    /** The PKI as inline blocks, for configurations given as text. */
    public static String inlinePki() throws IOException {
        return "<ca>\n" + demo("ca.crt") + "</ca>\n<cert>\n" + demo("server.crt") + "</cert>\n<key>\n" + demo("server.key")
                + "</key>\n<tls-crypt>\n" + demo("tc.key") + "</tls-crypt>\n";
    }
}

package dev.culvert.distribution;

import dev.culvert.testing.pki.TestPki;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The files a configuration names, so that {@code --check}, which reads them as start does, finds
 * them: {@code ca.crt}, {@code server.crt}/{@code .key}, {@code client.crt}/{@code .key} from a
 * throwaway CA, and a {@code tc.key} tls-crypt key, under the names the shipped examples use. No
 * stock openvpn needed ({@link InteropPki} makes its keys with openvpn, for interop).
 */
final class CheckableFiles {
    private CheckableFiles() {
    }

    static void write(Path dir) throws Exception {
        TestPki.Issued ca = TestPki.ca("Culvert Check CA");
        Files.writeString(dir.resolve("ca.crt"), ca.certificatePem());
        TestPki.leaf(ca, "server", TestPki.Usage.SERVER).write(dir.resolve("server.crt"), dir.resolve("server.key"));
        TestPki.leaf(ca, "client", TestPki.Usage.CLIENT).write(dir.resolve("client.crt"), dir.resolve("client.key"));
        byte[] key = new byte[256];
        new SecureRandom().nextBytes(key);
        StringBuilder text = new StringBuilder("-----BEGIN OpenVPN Static key V1-----\n");
        for (int i = 0; i < key.length; i += 16) {
            text.append(HexFormat.of().formatHex(key, i, i + 16)).append('\n');
        }
        Files.writeString(dir.resolve("tc.key"), text.append("-----END OpenVPN Static key V1-----\n"));
    }

    /** A client configuration that --check passes and start reads without objection: {@link #write}'s files, one remote. */
    static Path client(Path dir, String name, String more) throws Exception {
        write(dir);
        return Files.writeString(dir.resolve(name), "client\nremote 192.0.2.1\nca ca.crt\ncert client.crt\nkey client.key\n" + more);
    }
}

package dev.culvert.vpn.hook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** tls-crypt-v2-verify as 2.6 runs it: three variables, the metadata in a private file that is gone afterwards, exit 0 lets in. */
class ScriptTlsCryptV2VerifyTest {
    @TempDir
    Path dir;

    private ScriptTlsCryptV2Verify verifier(String body) throws Exception {
        Path script = dir.resolve("verify.sh");
        Files.writeString(script, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return new ScriptTlsCryptV2Verify(ScriptCommand.parse(script.toString()),
                Scripts.of(Map.of("dev", "tun0"), Files.createDirectories(dir.resolve("tmp")), Duration.ofSeconds(10)));
    }

    private static byte[] metadata(int type, String text) {
        byte[] body = text.getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[body.length + 1];
        all[0] = (byte) type;
        System.arraycopy(body, 0, all, 1, body.length);
        return all;
    }

    private List<Path> leftInTmp() throws Exception {
        try (Stream<Path> left = Files.list(dir.resolve("tmp"))) {
            return left.toList();
        }
    }

    @Test
    void theScriptSeesTheTypeAndThePrivateMetadataFileAndOnlyThat() throws Exception {
        Path env = dir.resolve("env");
        ScriptTlsCryptV2Verify v = verifier("env | sort > " + env + "; stat -c %a \"$metadata_file\" >> " + env
                + "; cat \"$metadata_file\" >> " + env + "; [ \"$(cat \"$metadata_file\")\" = alice ]");
        assertNull(v.verify(metadata(0, "alice")).get(30, TimeUnit.SECONDS));
        List<String> seen = Files.readAllLines(env);
        assertTrue(seen.contains("script_type=tls-crypt-v2-verify") && seen.contains("metadata_type=0"), seen.toString());
        assertTrue(seen.stream().anyMatch(l -> l.startsWith("metadata_file=" + dir.resolve("tmp").resolve("tls_crypt_v2_metadata_"))),
                seen.toString());
        assertTrue(seen.stream().noneMatch(l -> l.startsWith("dev=")), "2.6 gives this script its three variables only: " + seen);
        assertEquals(List.of("600", "alice"), seen.subList(seen.size() - 2, seen.size()));
        assertEquals(List.of(), leftInTmp(), "the metadata file is removed");
    }

    @Test
    void aNonZeroExitRefusesAndSaysWhy() throws Exception {
        ScriptTlsCryptV2Verify v = verifier("[ \"$(cat \"$metadata_file\")\" = alice ]");
        String refused = v.verify(metadata(0, "mallory")).get(30, TimeUnit.SECONDS);
        assertTrue(refused != null && refused.contains("exited 1"), refused);
        assertEquals(List.of(), leftInTmp());
    }

    @Test
    void metadataWithoutATypeIsRefusedWithoutRunningTheScript() throws Exception {
        Path ran = dir.resolve("ran");
        String refused = verifier("touch " + ran).verify(new byte[0]).get(30, TimeUnit.SECONDS);
        assertTrue(refused != null && refused.contains("no metadata"), refused);
        assertTrue(Files.notExists(ran));
    }

    @Test
    void theTimeTypeIsPassedAsItsNumber() throws Exception {
        Path env = dir.resolve("type");
        assertNull(verifier("echo $metadata_type > " + env).verify(metadata(1, "\0\0\0\0\0\0\0\1")).get(30, TimeUnit.SECONDS));
        assertEquals(List.of("1"), Files.readAllLines(env));
    }
}

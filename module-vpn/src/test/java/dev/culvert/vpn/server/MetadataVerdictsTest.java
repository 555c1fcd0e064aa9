package dev.culvert.vpn.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.vpn.hook.ScriptCommand;
import dev.culvert.vpn.hook.ScriptTlsCryptV2Verify;
import dev.culvert.vpn.hook.Scripts;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** tls-crypt-v2-verify's verdicts: a newcomer is admitted only on a yes, and what waits for verdicts is bounded. */
class MetadataVerdictsTest {
    @TempDir
    Path dir;

    private MetadataVerdicts verdicts(String body) throws Exception {
        Path script = dir.resolve("verify.sh");
        Files.writeString(script, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return new MetadataVerdicts(new ScriptTlsCryptV2Verify(ScriptCommand.parse(script.toString()),
                Scripts.of(Map.of(), dir, Duration.ofSeconds(30))));
    }

    private static byte[] user(String name) {
        byte[] text = name.getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[text.length + 1];
        System.arraycopy(text, 0, all, 1, text.length);
        return all;
    }

    private static InetSocketAddress from(int port) {
        return new InetSocketAddress("192.0.2.9", port);
    }

    @Test
    void aYesAdmitsANoOnlyCountsAndLogs() throws Exception {
        MetadataVerdicts v = verdicts("[ \"$(cat \"$metadata_file\")\" = alice ]");
        CountDownLatch aliceIn = new CountDownLatch(1);
        AtomicInteger malloryIn = new AtomicInteger();
        assertNull(v.ask(from(1), 1, user("alice"), aliceIn::countDown));
        assertNull(v.ask(from(2), 2, user("mallory"), malloryIn::incrementAndGet));
        assertTrue(aliceIn.await(30, TimeUnit.SECONDS));
        while (v.pending() > 0) {
            Thread.sleep(10);
        }
        assertEquals(0, malloryIn.get(), "a refused newcomer is never made a client");
        assertEquals(1, v.accepted());
        assertEquals(1, v.refused());
        assertTrue(v.counters().contains("accepted 1, refused 1, pending 0"), v.counters());
    }

    @Test
    void oneQuestionPerNewcomerAndABoundOnAllOfThem() throws Exception {
        Path go = dir.resolve("go");
        MetadataVerdicts v = verdicts("for i in $(seq 600); do [ -e " + go + " ] && exit 0; sleep 0.05; done; exit 1");
        CountDownLatch admitted = new CountDownLatch(MetadataVerdicts.AT_ONCE);
        for (int i = 0; i < MetadataVerdicts.AT_ONCE; i++) {
            assertNull(v.ask(from(1000 + i), i, user("n" + i), admitted::countDown));
        }
        assertEquals(MetadataVerdicts.PENDING, v.ask(from(1000), 0, user("n0"), () -> { }),
                "a retransmission of a packet already asked about is dropped");
        assertEquals(MetadataVerdicts.BUSY, v.ask(from(5000), 99, user("late"), () -> { }), "beyond the bound: dropped, counted by the caller");
        assertEquals(MetadataVerdicts.AT_ONCE, v.pending());
        Files.createFile(go);
        assertTrue(admitted.await(60, TimeUnit.SECONDS));
        while (v.pending() > 0) {
            Thread.sleep(10);
        }
        CountDownLatch again = new CountDownLatch(1);
        assertNull(v.ask(from(5000), 99, user("late"), again::countDown), "room again once the verdicts are in");
        assertTrue(again.await(30, TimeUnit.SECONDS));
        assertFalse(v.counters().contains("refused 1"), v.counters());
    }
}

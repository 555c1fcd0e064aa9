package dev.culvert.core.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.core.packet.RemoteAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Refused packets: one line per source and class per interval, the rest counted, in a table that never grows. */
class RefusalNotesTest {
    private static final DropReason WRAP = DropReason.refusal("test.refusal.wrap", "its tls-crypt wrapping did not verify");
    private static final DropReason COOKIE = DropReason.refusal("test.refusal.cookie", "its session cookie is not ours");
    private static final DropReason COUNTED_ONLY = DropReason.of("test.refusal.counted-only");
    private static final long MINUTE = TimeUnit.SECONDS.toNanos(60);

    private final List<String> lines = new ArrayList<>();
    private long now = 1_000;
    private final RefusalNotes notes = new RefusalNotes(16, MINUTE, () -> now, lines::add);

    private static RemoteAddress from(String ip, int port) {
        RemoteAddress a = RemoteAddress.holder();
        a.set(new InetSocketAddress(ip, port));
        return a;
    }

    @Test
    void theFirstRefusalFromASourceIsOneLineNamingTheSourceAsOpenVpnDoesAndTheReason() {
        notes.refused(WRAP, from("10.0.0.2", 41234));
        assertEquals(List.of("refused a packet from [AF_INET]10.0.0.2:41234: its tls-crypt wrapping did not verify"), lines);
    }

    @Test
    void repeatsWithinTheIntervalAreCountedAndTheNextLineSaysHowMany() {
        RemoteAddress stranger = from("10.0.0.2", 41234);
        for (int i = 0; i < 58; i++) {
            notes.refused(WRAP, stranger);
            now += TimeUnit.SECONDS.toNanos(1);
        }
        assertEquals(1, lines.size(), String.join("\n", lines));
        now += MINUTE;
        notes.refused(WRAP, stranger);
        assertEquals(2, lines.size(), String.join("\n", lines));
        assertEquals("refused a packet from [AF_INET]10.0.0.2:41234: its tls-crypt wrapping did not verify"
                + " (and 57 more like it in the last 60 s)", lines.get(1));
    }

    @Test
    void eachSourceAndEachClassHasItsOwnLine() {
        notes.refused(WRAP, from("10.0.0.2", 41234));
        notes.refused(WRAP, from("10.0.0.2", 41235));
        notes.refused(WRAP, from("10.0.0.3", 41234));
        notes.refused(COOKIE, from("10.0.0.2", 41234));
        notes.refused(WRAP, from("10.0.0.2", 41234));
        assertEquals(4, lines.size(), String.join("\n", lines));
    }

    @Test
    void aReasonThatIsNotARefusalOrAPacketWithoutASourceWritesNothing() {
        notes.refused(COUNTED_ONLY, from("10.0.0.2", 41234));
        notes.refused(WRAP, RemoteAddress.holder());
        assertEquals(List.of(), lines);
    }

    @Test
    void anIpv4ClientOnADualStackSocketIsNamedAsIpv4() {
        RemoteAddress mapped = RemoteAddress.holder();
        mapped.setIpv6(0, 0xFFFF_0A00_0002L, 41234, 0);
        notes.refused(WRAP, mapped);
        assertEquals(List.of("refused a packet from [AF_INET]10.0.0.2:41234: its tls-crypt wrapping did not verify"), lines);
    }

    @Test
    void anIpv6SourceIsNamedAsOpenVpnNamesIt() {
        notes.refused(WRAP, from("2001:db8::2", 1194));
        assertEquals(List.of("refused a packet from [AF_INET6]2001:db8:0:0:0:0:0:2:1194: its tls-crypt wrapping did not verify"), lines);
    }

    @Test
    void aFloodFromManySourcesIsBoundedByTheTableAndSummedOncePerInterval() {
        for (int port = 1; port <= 5_000; port++) {
            notes.refused(WRAP, from("10.0.0.9", port));
        }
        long oneByOne = lines.stream().filter(l -> l.startsWith("refused a packet from")).count();
        assertTrue(oneByOne <= 16, "no more sources followed than the table holds: " + oneByOne);
        assertEquals(1, lines.stream().filter(l -> l.contains("more sources than the 16")).count(), String.join("\n", lines));
        int before = lines.size();
        now += MINUTE;
        notes.refused(COOKIE, from("10.0.0.10", 1));
        for (int port = 5_001; port <= 6_000; port++) {
            notes.refused(WRAP, from("10.0.0.9", port));
        }
        assertTrue(lines.size() - before <= 16 + 1 + 16, "a second interval again writes a bounded number of lines: " + (lines.size() - before));
    }

    @Test
    void whatAFullTableHeldBackIsSummedOnceTheIntervalHasPassed() {
        RefusalNotes tiny = new RefusalNotes(8, MINUTE, () -> now, lines::add);
        for (int port = 1; port <= 100; port++) {
            tiny.refused(WRAP, from("10.0.0.9", port));
        }
        assertEquals(8 + 1, lines.size(), "8 sources followed, then one line that the table is full:\n" + String.join("\n", lines));
        now += TimeUnit.SECONDS.toNanos(1);
        for (int port = 101; port <= 200; port++) {
            tiny.refused(WRAP, from("10.0.0.9", port));
        }
        assertEquals(8 + 1, lines.size(), "within the interval a full table writes nothing more");
        now += MINUTE;
        for (int port = 201; port <= 300; port++) {
            tiny.refused(WRAP, from("10.0.0.9", port));
        }
        assertTrue(lines.contains("refused 191 more packets from sources beyond the 8 this log follows one by one, in the last 60 s"
                + " (culvert:status counts them by reason)"), String.join("\n", lines));
        assertTrue(lines.stream().anyMatch(l -> l.contains("10.0.0.9:201:")), "expired places go to new sources:\n" + String.join("\n", lines));
    }
}

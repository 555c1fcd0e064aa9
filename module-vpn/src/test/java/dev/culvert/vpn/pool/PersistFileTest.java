package dev.culvert.vpn.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.culvert.spi.route.Prefix;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PersistFileTest {
    @Test
    void everyLineThatIsNotACommentBecomesAnEntryOrAWarningOrBoth() {
        Random random = new Random(20261122);
        String alphabet = "ab,,,.\n\r#; 0123456789\t";
        for (int round = 0; round < 20_000; round++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(80);
            for (int i = 0; i < length; i++) {
                text.append(random.nextInt(10) == 0 ? (char) random.nextInt(0x3000) : alphabet.charAt(random.nextInt(alphabet.length())));
            }
            PersistFile.Parsed parsed = PersistFile.parse(text.toString());
            Set<Integer> accounted = new HashSet<>();
            parsed.entries().forEach(e -> accounted.add(e.lineNumber()));
            parsed.warnings().forEach(w -> accounted.add(w.lineNumber()));
            String[] lines = text.toString().split("\n", -1);
            for (int n = 1; n <= lines.length; n++) {
                String line = lines[n - 1].replace("\r", "");
                boolean comment = line.isEmpty() || line.charAt(0) == '#' || line.charAt(0) == ';';
                assertEquals(!comment, accounted.contains(n), "line " + n + " of " + List.of(lines));
            }
        }
    }

    @Test
    void writesWhatItReads() {
        String line = PersistFile.line("client.example.org", 0x0a080002, "");
        assertEquals("client.example.org,10.8.0.2,\n", line);
        PersistFile.Parsed parsed = PersistFile.parse(line);
        assertEquals(List.of(new PersistFile.Entry(1, "client.example.org", 0x0a080002, null)), parsed.entries());
        assertEquals(List.of(), parsed.warnings());
    }

    @Test
    void readsTheIpv6FieldAndAnEmptyIpv4One() {
        String text = PersistFile.line("a", 0x0a080002, "fd00:8::1000") + "b,,fd00:8::1001\nc,bogus,fd00:8::1002\n";
        PersistFile.Parsed parsed = PersistFile.parse(text);
        assertEquals(List.of(new PersistFile.Entry(1, "a", 0x0a080002, Prefix.parse("fd00:8::1000/128")),
                new PersistFile.Entry(2, "b", null, Prefix.parse("fd00:8::1001/128")),
                new PersistFile.Entry(3, "c", null, Prefix.parse("fd00:8::1002/128"))), parsed.entries());
        assertEquals(List.of(3), parsed.warnings().stream().map(PersistWarning::lineNumber).toList(), "c's IPv4 is not an address");
    }
}

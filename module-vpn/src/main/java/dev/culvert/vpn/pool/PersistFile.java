package dev.culvert.vpn.pool;

import dev.culvert.spi.route.AddressText;
import java.util.ArrayList;
import java.util.List;

/**
 * The text of an {@code ifconfig-pool-persist} file, one {@code common_name,ipv4[,ipv6]} line per
 * remembered client, as OpenVPN 2.6 reads and writes it.
 *
 * <p>Reading follows 2.6's {@code ifconfig_pool_read}: carriage returns are ignored, empty lines
 * and lines starting with {@code #} or {@code ;} are comments, the first two comma-separated
 * fields are the common name and the IPv4 address, a third (IPv6) field and anything after it are
 * ignored here (Culvert's pool is IPv4). A line 2.6 would skip is skipped too, with a
 * {@link PersistWarning} naming its line number; no line is dropped without one.
 *
 * <p>Writing matches 2.6's {@code ifconfig_pool_list}: {@code "%s,%s,%s"} with an empty IPv6
 * field when there is no IPv6 pool, so every line ends in a comma ({@code client1,10.8.0.2,}).
 */
final class PersistFile {
    /** 2.6 reads each field into a 128-byte buffer (127 characters and a NUL). */
    static final int MAX_FIELD_LENGTH = 127;

    /** One usable line: a common name and the IPv4 address remembered for it. */
    record Entry(int lineNumber, String commonName, int ipv4) {
    }

    /** What a file held: the usable lines in file order and a warning for each skipped one. */
    record Parsed(List<Entry> entries, List<PersistWarning> warnings) {
    }

    private PersistFile() {
    }

    static Parsed parse(String text) {
        List<Entry> entries = new ArrayList<>();
        List<PersistWarning> warnings = new ArrayList<>();
        int lineNumber = 0;
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = text.length();
            }
            lineNumber++;
            String line = text.substring(start, end).replace("\r", "");
            start = end + 1;
            parseLine(lineNumber, line, entries, warnings);
        }
        return new Parsed(entries, warnings);
    }

    private static void parseLine(int lineNumber, String line, List<Entry> entries, List<PersistWarning> warnings) {
        if (line.isEmpty() || line.charAt(0) == '#' || line.charAt(0) == ';') {
            return;
        }
        int firstComma = line.indexOf(',');
        if (firstComma < 0) {
            warnings.add(new PersistWarning(lineNumber, "no comma: expected common_name,ipv4[,ipv6], found '" + shorten(line) + "'"));
            return;
        }
        String commonName = line.substring(0, firstComma);
        int secondComma = line.indexOf(',', firstComma + 1);
        String ipv4 = line.substring(firstComma + 1, secondComma < 0 ? line.length() : secondComma).strip();
        String ipv6 = "";
        if (secondComma >= 0) {
            int thirdComma = line.indexOf(',', secondComma + 1);
            ipv6 = line.substring(secondComma + 1, thirdComma < 0 ? line.length() : thirdComma).strip();
        }
        if (commonName.isEmpty()) {
            warnings.add(new PersistWarning(lineNumber, "empty common name"));
            return;
        }
        if (commonName.length() > MAX_FIELD_LENGTH || ipv4.length() > MAX_FIELD_LENGTH) {
            warnings.add(new PersistWarning(lineNumber, "field longer than " + MAX_FIELD_LENGTH + " characters"));
            return;
        }
        if (ipv4.isEmpty()) {
            warnings.add(new PersistWarning(lineNumber, ipv6.isEmpty()
                    ? "no address for CN=" + commonName
                    : "only an IPv6 address (" + shorten(ipv6) + ") for CN=" + commonName + "; this pool is IPv4"));
            return;
        }
        Integer address = AddressText.ipv4OrNull(ipv4);
        if (address == null) {
            warnings.add(new PersistWarning(lineNumber, "invalid IPv4 (" + shorten(ipv4) + ") for CN=" + commonName));
            return;
        }
        entries.add(new Entry(lineNumber, commonName, address));
    }

    /** One line as 2.6 writes it, newline included. */
    static String line(String commonName, int ipv4) {
        return commonName + "," + AddressText.ipv4(ipv4) + ",\n";
    }

    private static String shorten(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }
}

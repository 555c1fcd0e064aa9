package dev.culvert.vpn.pool;

import dev.culvert.spi.route.AddressText;
import dev.culvert.spi.route.Prefix;
import java.util.ArrayList;
import java.util.List;

/**
 * The text of an {@code ifconfig-pool-persist} file, one {@code common_name,ipv4[,ipv6]} line per
 * remembered client, as OpenVPN 2.6 reads and writes it.
 *
 * <p>Reading follows 2.6's {@code ifconfig_pool_read}: carriage returns are ignored, empty lines
 * and lines starting with {@code #} or {@code ;} are comments, the first two comma-separated
 * fields are the common name and the IPv4 address, the third the IPv6 address (either address may be
 * empty, not both), anything after it is ignored. A line 2.6 would skip is skipped too, with a
 * {@link PersistWarning} naming its line number; no line is dropped without one (a line with one
 * bad address and one good one is both a warning and an entry, as 2.6 warns and uses it). Which pool entry
 * a line names is the pool's to decide ({@link IfconfigPool}), as only it knows its ranges.
 *
 * <p>Writing matches 2.6's {@code ifconfig_pool_list}: {@code "%s,%s,%s"} with an empty IPv6
 * field when there is no IPv6 pool, so every line ends in a comma ({@code client1,10.8.0.2,}).
 */
final class PersistFile {
    /** 2.6 reads each field into a 128-byte buffer (127 characters and a NUL). */
    static final int MAX_FIELD_LENGTH = 127;

    /**
     * One usable line: a common name and the addresses remembered for it.
     *
     * @param ipv4 the IPv4 address, or null when the field is empty or not an address
     * @param ipv6 the IPv6 address (a /128), or null when the field is empty or not an address
     */
    record Entry(int lineNumber, String commonName, Integer ipv4, Prefix ipv6) {
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
        if (ipv6.length() > MAX_FIELD_LENGTH) {
            ipv6 = "";
        }
        Integer address = null;
        if (!ipv4.isEmpty()) {
            address = AddressText.ipv4OrNull(ipv4);
            if (address == null) {
                warnings.add(new PersistWarning(lineNumber, "invalid IPv4 (" + shorten(ipv4) + ") for CN=" + commonName));
            }
        }
        Prefix address6 = null;
        if (!ipv6.isEmpty()) {
            try {
                long[] a = AddressText.parseIpv6(ipv6);
                address6 = Prefix.host(6, a[0], a[1]);
            } catch (IllegalArgumentException e) {
                warnings.add(new PersistWarning(lineNumber, "invalid IPv6 (" + shorten(ipv6) + ") for CN=" + commonName));
            }
        }
        if (address == null && address6 == null) {
            if (ipv4.isEmpty() && ipv6.isEmpty()) {
                warnings.add(new PersistWarning(lineNumber, "no address for CN=" + commonName));
            }
            return;
        }
        entries.add(new Entry(lineNumber, commonName, address, address6));
    }

    /** One line as 2.6 writes it, newline included; {@code ipv6} is empty without an IPv6 pool. */
    static String line(String commonName, int ipv4, String ipv6) {
        return commonName + "," + AddressText.ipv4(ipv4) + "," + ipv6 + "\n";
    }

    private static String shorten(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }
}

package dev.culvert.vpn.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps the per-client series bounded: a common name is chosen by the client, so it is sanitized
 * (letters, digits and {@code . _ @ -}, at most {@value #MAX_LENGTH} characters; anything else
 * becomes {@code _}), and only the first {@value #MAX_CLIENTS} distinct names, in the client
 * table's order (oldest slot first), get a series of their own; the traffic of the rest is summed
 * under {@value #OTHER}, which no sanitized name can equal. Clients sharing a name
 * ({@code duplicate-cn}), or names that sanitize alike, share a series.
 */
public final class ClientLabels {
    /** Distinct client label values per scrape, besides {@value #OTHER}. */
    public static final int MAX_CLIENTS = 100;
    /** The longest label value a common name keeps. */
    public static final int MAX_LENGTH = 64;
    /** The label value of the clients past the bound. */
    public static final String OTHER = "(other)";

    private ClientLabels() {
    }

    /** {@code clients} summed by label value, at most {@code max} names and {@link #OTHER}, in first-seen order. */
    static List<Sample.Client> bound(List<Sample.Client> clients, int max) {
        Map<String, long[]> sums = new LinkedHashMap<>();
        long[] other = null;
        for (Sample.Client c : clients) {
            String label = sanitize(c.commonName());
            long[] sum = sums.get(label);
            if (sum == null) {
                if (sums.size() < max) {
                    sum = new long[4];
                    sums.put(label, sum);
                } else {
                    other = other == null ? new long[4] : other;
                    sum = other;
                }
            }
            sum[0] += c.receivedBytes();
            sum[1] += c.sentBytes();
            sum[2] += c.receivedPackets();
            sum[3] += c.sentPackets();
        }
        if (other != null) {
            sums.put(OTHER, other);
        }
        List<Sample.Client> out = new ArrayList<>(sums.size());
        sums.forEach((label, s) -> out.add(new Sample.Client(label, s[0], s[1], s[2], s[3])));
        return out;
    }

    /** A common name as a label value: bounded, and only characters that need no escaping anywhere. */
    static String sanitize(String commonName) {
        int length = Math.min(commonName.length(), MAX_LENGTH);
        if (length == 0) {
            return "_";
        }
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            char ch = commonName.charAt(i);
            boolean plain = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '.' || ch == '_'
                    || ch == '@' || ch == '-';
            out.append(plain ? ch : '_');
        }
        return out.toString();
    }
}

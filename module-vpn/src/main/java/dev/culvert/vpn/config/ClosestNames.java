package dev.culvert.vpn.config;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** The names nearest to a misspelt or missing one, for a refusal to suggest: fewest single-character edits first. */
final class ClosestNames {
    private ClosestNames() {
    }

    /** Up to {@code count} of {@code known}, nearest to {@code wanted} first, ties by name. */
    static List<String> to(String wanted, Collection<String> known, int count) {
        String w = wanted.toLowerCase(Locale.ROOT);
        return known.stream()
                .sorted(Comparator.<String>comparingInt(k -> distance(w, k.toLowerCase(Locale.ROOT))).thenComparing(k -> k))
                .limit(count).toList();
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}

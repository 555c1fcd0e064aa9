package dev.culvert.spi.compress;

import java.util.ArrayList;
import java.util.List;

/**
 * An immutable lookup from algorithm to an installed codec, for the receiving side. It holds every
 * installed codec, not only the active one: after the peer swaps from LZ4 to Snappy, packets of
 * both kinds are still in flight, and the receiver must decode both.
 *
 * <p>Built when the set of codecs changes, read per packet: the lookup is an array index.
 */
public final class Decompressors {
    private static final CompressionAlgorithm[] ALGORITHMS = CompressionAlgorithm.values();
    private static final Decompressors EMPTY = new Decompressors(new Compressor[ALGORITHMS.length], List.of());

    private final Compressor[] byAlgorithm;
    private final List<String> names;

    private Decompressors(Compressor[] byAlgorithm, List<String> names) {
        this.byAlgorithm = byAlgorithm;
        this.names = names;
    }

    public static Decompressors empty() {
        return EMPTY;
    }

    /** A lookup over {@code codecs}; for an algorithm offered twice, the first one wins (pass them best first). */
    public static Decompressors of(Iterable<? extends Compressor> codecs) {
        Compressor[] table = new Compressor[ALGORITHMS.length];
        List<String> names = new ArrayList<>();
        for (Compressor c : codecs) {
            int i = c.algorithm().ordinal();
            if (table[i] == null) {
                table[i] = c;
                names.add(c.name());
            }
        }
        return new Decompressors(table, List.copyOf(names));
    }

    /** The codec for {@code algorithm}, or {@code null} if none is installed. */
    public Compressor forAlgorithm(CompressionAlgorithm algorithm) {
        return byAlgorithm[algorithm.ordinal()];
    }

    /** The names of the codecs in the lookup, for status displays. */
    public List<String> names() {
        return names;
    }

    @Override
    public String toString() {
        return "Decompressors" + names;
    }
}

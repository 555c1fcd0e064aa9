package dev.culvert.compress;

import dev.culvert.spi.compress.CompressionAlgorithm;
import dev.culvert.core.slot.Ranked;
import dev.culvert.spi.compress.Compressor;
import java.nio.ByteBuffer;
import java.util.function.Supplier;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;
import org.osgi.service.component.annotations.Component;

/**
 * LZ4 block compression, as OpenVPN's {@code compress lz4} and {@code lz4-v2} use it.
 *
 * <p>Uses lz4-java's JNI binding and says so loudly when it cannot load and the pure-Java one
 * takes over (roughly half the speed): {@code LZ4Factory.fastestInstance()} would fall back
 * silently. Received data is only ever decoded with the safe decompressor, bounded by
 * {@code maxOut}. An LZ4 block does not state its decoded size, so a block that would overflow
 * {@code maxOut} cannot be told from a corrupt one: both are {@link #MALFORMED}.
 *
 * <p>Stateless apart from the library's codec objects, which are thread-safe.
 */
@Component(service = Compressor.class, property = {"culvert.name=lz4", "service.ranking:Integer=" + Lz4Compressor.RANKING})
public final class Lz4Compressor implements Compressor, Ranked {
    /** The slot's preference when several codecs are installed: lz4 20, snappy 10, none 0. */
    static final int RANKING = 20;

    private static final System.Logger LOG = System.getLogger(Lz4Compressor.class.getName());

    private final LZ4Factory factory;
    private final LZ4Compressor compressor;
    private final LZ4SafeDecompressor decompressor;

    /** The JNI codec, or the pure-Java one with a warning if the native library does not load. */
    public Lz4Compressor() {
        this(DefaultFactory.INSTANCE);
    }

    /** A codec on a given lz4-java factory (tests use both the JNI and the pure-Java one). */
    Lz4Compressor(LZ4Factory factory) {
        this.factory = factory;
        this.compressor = factory.fastCompressor();
        this.decompressor = factory.safeDecompressor();
    }

    /** Chosen once per class loader, so the fallback is logged once, not per instance. */
    private static final class DefaultFactory {
        static final LZ4Factory INSTANCE = nativeOrSafe(LZ4Factory::nativeInstance, LOG);
    }

    /**
     * The native factory, or the safe pure-Java one after logging at WARNING why native failed.
     * lz4-java reports a missing native library as an {@link UnsatisfiedLinkError}, an
     * {@link AssertionError} or a runtime exception, depending on where loading stopped.
     */
    static LZ4Factory nativeOrSafe(Supplier<LZ4Factory> nativeFactory, System.Logger log) {
        try {
            return nativeFactory.get();
        } catch (LinkageError | AssertionError | RuntimeException e) {
            log.log(System.Logger.Level.WARNING, "LZ4 native library unavailable (" + e
                    + "); using lz4-java's pure-Java codec, about half as fast. Check that java.io.tmpdir allows executables"
                    + " and that the platform is one lz4-java ships a library for.", e);
            return LZ4Factory.safeInstance();
        }
    }

    /** Which lz4-java implementation this codec runs on, for status displays. */
    public String implementation() {
        return factory.toString();
    }

    @Override
    public String name() {
        return "lz4";
    }

    @Override
    public CompressionAlgorithm algorithm() {
        return CompressionAlgorithm.LZ4;
    }

    @Override
    public int maxCompressedLength(int length) {
        return compressor.maxCompressedLength(length);
    }

    @Override
    public int compress(ByteBuffer src, int srcOffset, int length, ByteBuffer dst, int dstOffset, int maxOut) {
        int room = BufferRanges.room(dst, dstOffset, maxOut);
        if (room < 0 || !BufferRanges.inside(src, srcOffset, length) || length > MAX_PACKET || dst.isReadOnly()) {
            return -1;
        }
        try {
            // Given less than the worst case, the library throws when the output does not fit.
            return compressor.compress(src, srcOffset, length, dst, dstOffset, room);
        } catch (LZ4Exception e) {
            return -1;
        }
    }

    @Override
    public int decompress(ByteBuffer src, int srcOffset, int length, ByteBuffer dst, int dstOffset, int maxOut) {
        int room = BufferRanges.decompressionRoom(src, srcOffset, length, dst, dstOffset, maxOut);
        if (room < 0) {
            return room;
        }
        try {
            int n = decompressor.decompress(src, srcOffset, length, dst, dstOffset, room);
            return n >= 0 && n <= room ? n : MALFORMED;
        } catch (RuntimeException e) {
            // LZ4Exception normally; whatever else the library throws on a hostile block, it is not valid LZ4.
            return MALFORMED;
        }
    }

    @Override
    public String toString() {
        return "lz4 (" + factory + ")";
    }

    @Override
    public int ranking() {
        return RANKING;
    }
}

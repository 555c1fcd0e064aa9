package dev.culvert.compress.bench;

import dev.culvert.compress.Lz4Compressor;
import dev.culvert.compress.NoCompressor;
import dev.culvert.compress.SnappyCompressor;
import dev.culvert.core.graph.DropReason;
import dev.culvert.core.packet.Packet;
import dev.culvert.core.packet.PacketPool;
import dev.culvert.spi.compress.CompressionFraming;
import dev.culvert.spi.compress.Compressor;
import dev.culvert.spi.compress.Decompressors;
import dev.culvert.spi.compress.FramingFormat;
import dev.culvert.spi.compress.FramingScratch;
import dev.culvert.spi.compress.Payloads;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Per-packet cost of compression framing on a 1400-byte payload: frame (compress if it pays)
 * then unframe (decompress), in place on a pooled packet, as CompressNode and DecompressNode do.
 * Every operation starts by refilling the packet; {@link PacketRefillBenchmark} measures that
 * refill alone, so it can be subtracted. Run with {@code -prof gc} to see that nothing is
 * allocated per packet.
 *
 * <p>Run: {@code java -cp <test class path> dev.culvert.compress.bench.FramingBenchmark -f 1 -wi 2 -i 3}
 * (or {@code org.openjdk.jmh.Main FramingBenchmark ...}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class FramingBenchmark {
    private static final int SIZE = 1400;

    @Param({"lz4", "snappy", "none"})
    public String codec;

    @Param({"compressible", "random"})
    public String data;

    @Param({"V2", "V1_SWAP"})
    public String format;

    private PacketPool pool;
    private Packet packet;
    private byte[] payload;
    private Compressor compressor;
    private Decompressors decompressors;
    private CompressionFraming framing;
    private ByteBuffer scratch;

    @Setup(Level.Trial)
    public void setUp() {
        Lz4Compressor lz4 = new Lz4Compressor();
        SnappyCompressor snappy = new SnappyCompressor();
        NoCompressor none = new NoCompressor();
        compressor = switch (codec) {
            case "lz4" -> lz4;
            case "snappy" -> snappy;
            case "none" -> none;
            default -> throw new IllegalArgumentException(codec);
        };
        decompressors = Decompressors.of(List.of(lz4, snappy, none));
        framing = new CompressionFraming(FramingFormat.valueOf(format));
        payload = data.equals("random") ? Payloads.random(SIZE, 1) : Payloads.compressible(SIZE, 1);
        scratch = FramingScratch.allocate();
        pool = new PacketPool("bench", 2);
        packet = pool.acquire();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        packet.release();
        if (pool.outstanding() != 0) {
            throw new IllegalStateException("pool does not balance: " + pool);
        }
    }

    private void refill() {
        packet.setWindow(pool.headroom(), 0);
        packet.setContents(payload, 0, SIZE);
    }

    @Benchmark
    public int frameAndUnframe() {
        refill();
        DropReason framed = framing.frame(packet, compressor, scratch);
        DropReason unframed = framing.unframe(packet, decompressors, scratch);
        if (framed != null || unframed != null || packet.length() != SIZE) {
            throw new IllegalStateException("round trip failed: " + framed + " / " + unframed);
        }
        return packet.length();
    }

    public static void main(String[] args) throws Exception {
        String[] jmhArgs = new String[args.length + 1];
        jmhArgs[0] = FramingBenchmark.class.getName();
        System.arraycopy(args, 0, jmhArgs, 1, args.length);
        org.openjdk.jmh.Main.main(jmhArgs);
    }
}

package dev.culvert.compress.bench;

import dev.culvert.core.packet.Packet;
import dev.culvert.core.packet.PacketPool;
import dev.culvert.spi.compress.Payloads;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/** The baseline of {@link FramingBenchmark}: refilling a pooled packet with a 1400-byte payload. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class PacketRefillBenchmark {
    private PacketPool pool;
    private Packet packet;
    private byte[] payload;

    @Setup(Level.Trial)
    public void setUp() {
        pool = new PacketPool("bench", 2);
        packet = pool.acquire();
        payload = Payloads.compressible(1400, 1);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        packet.release();
    }

    @Benchmark
    public int refill() {
        packet.setWindow(pool.headroom(), 0);
        packet.setContents(payload, 0, payload.length);
        return packet.length();
    }
}

package dev.culvert.ipv6.bench;

import dev.culvert.core.checksum.InternetChecksum;
import dev.culvert.core.graph.DropReason;
import dev.culvert.core.packet.Packet;
import dev.culvert.core.packet.PacketPool;
import dev.culvert.ipv6.Ipv6Protocol;
import dev.culvert.spi.l3.L3Metadata;
import dev.culvert.spi.l3.L3Policy;
import dev.culvert.spi.l3.Side;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * The per-packet cost of IPv6 validation (fixed header and extension chain) plus MSS clamping: a
 * 1400-byte TCP data segment, and a SYN whose MSS is clamped from 1440 to 1340 on every call (the
 * MSS and TCP checksum are put back first, so each call clamps). See BENCHMARKS.md.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class Ipv6ValidationBenchmark {
    private static final L3Policy POLICY = new L3Policy(1500, 1360, 100);
    private static final long SRC_HI = 0x2001_0db8_0008_0000L;
    private static final long DST_HI = 0x2001_0db8_0001_0000L;

    private PacketPool pool;
    private Packet data;
    private Packet syn;
    private int synChecksum;
    private final Ipv6Protocol ipv6 = new Ipv6Protocol();
    private final L3Metadata meta = new L3Metadata();

    @Setup
    public void setUp() {
        pool = new PacketPool("bench", 4);
        data = packet(tcpPacket(0x10, new byte[0], 1400 - 60));
        syn = packet(tcpPacket(0x02, new byte[] {2, 4, 0x05, (byte) 0xa0, 4, 2, 1, 1}, 0));
        synChecksum = syn.getUnsignedShort(40 + 16);
        if (ipv6.inspect(data, Side.LINK, meta, POLICY) != null) {
            throw new IllegalStateException("benchmark packet does not validate");
        }
    }

    @TearDown
    public void tearDown() {
        data.release();
        syn.release();
    }

    @Benchmark
    public DropReason validateTcp1400() {
        return ipv6.inspect(data, Side.LINK, meta, POLICY);
    }

    @Benchmark
    public DropReason validateAndClampSyn() {
        syn.putShort(40 + 22, 1440);
        syn.putShort(40 + 16, synChecksum);
        return ipv6.inspect(syn, Side.LINK, meta, POLICY);
    }

    private Packet packet(byte[] bytes) {
        Packet p = pool.acquire();
        p.setContents(bytes, 0, bytes.length);
        return p;
    }

    /** 2001:db8:8::2 → 2001:db8:1::1, TCP 40000 → 443, with a valid TCP checksum. */
    private byte[] tcpPacket(int flags, byte[] options, int dataLength) {
        int tcpLength = 20 + options.length + dataLength;
        byte[] bytes = new byte[40 + tcpLength];
        ByteBuffer b = ByteBuffer.wrap(bytes);
        b.putInt(0x6000_0000).putShort((short) tcpLength).put((byte) 6).put((byte) 64).putLong(SRC_HI).putLong(2).putLong(DST_HI).putLong(1);
        b.putShort((short) 40000).putShort((short) 443).putInt(1).putInt(0).put((byte) (((20 + options.length) / 4) << 4))
                .put((byte) flags).putShort((short) 64800).putShort((short) 0).putShort((short) 0).put(options);
        Packet scratch = packet(bytes);
        long pseudo = InternetChecksum.ipv6PseudoHeader(SRC_HI, 2, DST_HI, 1, 6, tcpLength);
        scratch.putShort(56, InternetChecksum.finish(InternetChecksum.add(pseudo, scratch, 40, tcpLength)));
        byte[] out = scratch.toByteArray();
        scratch.release();
        return out;
    }

    public static void main(String[] args) throws RunnerException {
        new Runner(new OptionsBuilder().include(Ipv6ValidationBenchmark.class.getName()).build()).run();
    }
}

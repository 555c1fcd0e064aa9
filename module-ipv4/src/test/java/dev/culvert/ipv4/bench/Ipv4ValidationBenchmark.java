package dev.culvert.ipv4.bench;

import dev.culvert.core.checksum.InternetChecksum;
import dev.culvert.core.graph.DropReason;
import dev.culvert.core.packet.Packet;
import dev.culvert.core.packet.PacketPool;
import dev.culvert.ipv4.Ipv4Protocol;
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
 * The per-packet cost of IPv4 validation plus MSS clamping: a 1400-byte TCP data segment (the
 * common case: validated, not a SYN) and a SYN whose MSS is clamped from 1460 to 1360 on every
 * call (the MSS and TCP checksum are put back first, two 16-bit writes, so each call clamps).
 * Run with {@code main} or JMH's own {@code org.openjdk.jmh.Main}; see BENCHMARKS.md.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class Ipv4ValidationBenchmark {
    private static final L3Policy POLICY = new L3Policy(1500, 1360, 100);

    private PacketPool pool;
    private Packet data;
    private Packet syn;
    private int synChecksum;
    private final Ipv4Protocol ipv4 = new Ipv4Protocol();
    private final L3Metadata meta = new L3Metadata();

    @Setup
    public void setUp() {
        pool = new PacketPool("bench", 4);
        data = packet(tcpPacket(0x10, new byte[0], 1400 - 40));
        syn = packet(tcpPacket(0x02, new byte[] {2, 4, 0x05, (byte) 0xb4, 4, 2, 1, 1}, 0));
        synChecksum = syn.getUnsignedShort(20 + 16);
        if (ipv4.inspect(data, Side.LINK, meta, POLICY) != null) {
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
        return ipv4.inspect(data, Side.LINK, meta, POLICY);
    }

    @Benchmark
    public DropReason validateAndClampSyn() {
        syn.putShort(20 + 22, 1460);
        syn.putShort(20 + 16, synChecksum);
        return ipv4.inspect(syn, Side.LINK, meta, POLICY);
    }

    private Packet packet(byte[] bytes) {
        Packet p = pool.acquire();
        p.setContents(bytes, 0, bytes.length);
        return p;
    }

    /** 10.8.0.2:40000 → 192.168.1.1:443, DF, with valid IPv4 and TCP checksums. */
    private byte[] tcpPacket(int flags, byte[] options, int dataLength) {
        int tcpLength = 20 + options.length + dataLength;
        byte[] bytes = new byte[20 + tcpLength];
        ByteBuffer b = ByteBuffer.wrap(bytes);
        b.put((byte) 0x45).put((byte) 0).putShort((short) bytes.length).putShort((short) 1).putShort((short) 0x4000)
                .put((byte) 64).put((byte) 6).putShort((short) 0).putInt(0x0a080002).putInt(0xc0a80101);
        b.putShort((short) 40000).putShort((short) 443).putInt(1).putInt(0).put((byte) (((20 + options.length) / 4) << 4))
                .put((byte) flags).putShort((short) 64240).putShort((short) 0).putShort((short) 0).put(options);
        Packet scratch = packet(bytes);
        scratch.putShort(10, InternetChecksum.compute(scratch, 0, 20));
        long pseudo = InternetChecksum.ipv4PseudoHeader(0x0a080002, 0xc0a80101, 6, tcpLength);
        scratch.putShort(36, InternetChecksum.finish(InternetChecksum.add(pseudo, scratch, 20, tcpLength)));
        byte[] out = scratch.toByteArray();
        scratch.release();
        return out;
    }

    public static void main(String[] args) throws RunnerException {
        new Runner(new OptionsBuilder().include(Ipv4ValidationBenchmark.class.getName()).build()).run();
    }
}

package dev.culvert.vpn.preauth.bench;

import dev.culvert.vpn.control.ControlWrap;
import dev.culvert.vpn.control.KeyDirection;
import dev.culvert.vpn.control.NoWrap;
import dev.culvert.vpn.control.StaticKey;
import dev.culvert.vpn.control.TlsAuth;
import dev.culvert.vpn.control.TlsCrypt;
import dev.culvert.vpn.keys.HmacDigest;
import dev.culvert.vpn.preauth.PreAuthGate;
import dev.culvert.vpn.preauth.SessionIdCookie;
import dev.culvert.vpn.preauth.Verdict;
import dev.culvert.vpn.session.ControlWrapFactory;
import dev.culvert.vpn.wire.ControlPacket;
import dev.culvert.vpn.wire.ControlPacketWriter;
import dev.culvert.vpn.wire.Opcode;
import dev.culvert.vpn.wire.SessionId;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * What one packet from an unknown source costs a UDP server's data-plane thread: a client hard
 * reset checked and answered statelessly, the client's ClientHello (about 300 bytes) whose cookie
 * is verified, and a reset with a wrong MAC refused, under each wrapping. The gate is the same
 * object every call, as on a worker; the sources differ per call (a spoofing flood).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PreAuthGateBenchmark {
    private static final long EPOCH = 1_700_000_010L;
    private static final long CLIENT_SID = 0x0A1B_2C3D_4E5F_6071L;
    private static final int SOURCES = 1024;

    @Param({"none", "tls-auth", "tls-crypt"})
    public String wrapping;

    private final InetSocketAddress[] sources = new InetSocketAddress[SOURCES];
    private final byte[] reply = new byte[PreAuthGate.MAX_REPLY_LENGTH];
    private SessionIdCookie cookie;
    private PreAuthGate gate;
    private byte[] reset;
    private byte[] badReset;
    private byte[][] hellos;
    private int next;

    @Setup
    public void setUp() throws Exception {
        byte[] keyBytes = new byte[StaticKey.LENGTH];
        new Random(1).nextBytes(keyBytes);
        ControlWrapFactory server = factory(keyBytes, true);
        ControlWrapFactory client = factory(keyBytes, false);
        cookie = new SessionIdCookie(new SecureRandom(), 60);
        gate = new PreAuthGate(cookie, server, true);
        for (int i = 0; i < SOURCES; i++) {
            sources[i] = new InetSocketAddress(InetAddress.getByAddress(new byte[] {10, 1, (byte) (i >>> 8), (byte) i}), 40_000 + i);
        }
        reset = wrap(client, new ControlPacket(Opcode.CONTROL_HARD_RESET_CLIENT_V2, 0, new SessionId(CLIENT_SID), new long[0],
                null, 0, new byte[0]));
        badReset = reset.clone();
        badReset[badReset.length - 1] ^= 1;
        byte[] clientHello = new byte[300];
        new Random(2).nextBytes(clientHello);
        hellos = new byte[SOURCES][];
        for (int i = 0; i < SOURCES; i++) {
            long ours = cookie.compute(EPOCH, sources[i], CLIENT_SID);
            hellos[i] = wrap(client, new ControlPacket(Opcode.CONTROL_V1, 0, new SessionId(CLIENT_SID), new long[] {0},
                    new SessionId(ours), 1, clientHello));
        }
        if (gate.check(reset, 0, reset.length, sources[0], EPOCH, 0, reply).kind() != Verdict.Kind.RESET_ANSWERED
                || gate.check(hellos[0], 0, hellos[0].length, sources[0], EPOCH, 0, reply).kind() != Verdict.Kind.VERIFIED
                || gate.check(badReset, 0, badReset.length, sources[0], EPOCH, 0, reply).kind() != Verdict.Kind.DROP) {
            throw new IllegalStateException("benchmark packets do not get the verdicts they are meant to");
        }
    }

    private ControlWrapFactory factory(byte[] keyBytes, boolean server) {
        return switch (wrapping) {
            case "none" -> epoch -> new NoWrap();
            case "tls-auth" -> epoch -> new TlsAuth(StaticKey.ofBytes(keyBytes), server ? KeyDirection.NORMAL : KeyDirection.INVERSE,
                    HmacDigest.SHA256, epoch);
            case "tls-crypt" -> epoch -> server ? TlsCrypt.forServer(StaticKey.ofBytes(keyBytes), epoch)
                    : TlsCrypt.forClient(StaticKey.ofBytes(keyBytes), epoch);
            default -> throw new IllegalArgumentException(wrapping);
        };
    }

    private static byte[] wrap(ControlWrapFactory factory, ControlPacket p) {
        byte[] plain = ControlPacketWriter.toBytes(p);
        ControlWrap w = factory.create(EPOCH);
        byte[] out = new byte[plain.length + w.overhead()];
        w.wrap(plain, 0, plain.length, out, 0);
        return out;
    }

    @Benchmark
    public int resetAnswered() {
        int i = next++ & (SOURCES - 1);
        return gate.check(reset, 0, reset.length, sources[i], EPOCH, 0, reply).replyLength();
    }

    @Benchmark
    public long cookieVerified() {
        int i = next++ & (SOURCES - 1);
        return gate.check(hellos[i], 0, hellos[i].length, sources[i], EPOCH, 0, reply).ownSessionId();
    }

    /** Under no wrapping the flipped byte is in the message id, so this measures a shape refusal there. */
    @Benchmark
    public Object badResetRefused() {
        int i = next++ & (SOURCES - 1);
        return gate.check(badReset, 0, badReset.length, sources[i], EPOCH, 0, reply).reason();
    }

    public static void main(String[] args) throws RunnerException {
        new Runner(new OptionsBuilder().include(PreAuthGateBenchmark.class.getName()).build()).run();
    }
}

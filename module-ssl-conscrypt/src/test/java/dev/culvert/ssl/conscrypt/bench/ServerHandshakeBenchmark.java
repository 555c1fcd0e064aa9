package dev.culvert.ssl.conscrypt.bench;

import dev.culvert.core.tlscheck.EngineRecord;
import dev.culvert.core.tlscheck.ForwardingSSLEngine;
import dev.culvert.spi.tls.RequiredPeerUsage;
import dev.culvert.spi.tls.TlsProvider;
import dev.culvert.spi.tls.TlsSettings;
import dev.culvert.ssl.bc.BcTlsProvider;
import dev.culvert.testing.pki.TestPki;
import dev.culvert.testing.tls.HandshakeDriver;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
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
 * The server's CPU for one OpenVPN TLS handshake, per TLS module: an OpenVPN server's engine
 * (client certificate required, remote-cert-tls client) made by {@code provider} for each
 * handshake, against a client engine made by Conscrypt every time, so only the server side
 * changes between the rows. The server key is RSA-4096 (what server-bench.sh's storm uses) or
 * EC P-256; the CA and the client are EC P-256, as {@code easy-rsa}'s defaults make them.
 *
 * <p>The score is the whole handshake, both sides, in one thread. After each iteration the run
 * prints "server CPU per handshake": the thread CPU spent inside the server engine only (its
 * making, wrap, unwrap, delegated tasks), the figure to compare with stock OpenVPN's CPU per
 * handshake. Long warm-ups on purpose: the PKIX and TLS code of the JDK take a few hundred
 * handshakes to be compiled.
 *
 * <pre>bench/jmh.sh module-ssl-conscrypt ServerHandshakeBenchmark</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 4, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(1)
public class ServerHandshakeBenchmark {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    @Param({"conscrypt", "bc"})
    public String provider;

    @Param({"rsa4096", "ec256"})
    public String serverKey;

    @Param({"TLSv1.3", "TLSv1.2"})
    public String version;

    private TlsProvider server;
    private TlsProvider client;
    private TlsSettings serverSettings;
    private TlsSettings clientSettings;
    private long serverNanos;
    private long handshakes;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        TestPki.Issued ca = TestPki.ca("Culvert Bench CA");
        KeyPair keys = "rsa4096".equals(serverKey) ? rsa4096() : TestPki.ecKeys();
        Instant now = Instant.now();
        TestPki.Issued serverCert = TestPki.leaf(ca, "vpn.example", TestPki.Usage.SERVER, keys, now.minusSeconds(60), now.plusSeconds(86_400), true);
        TestPki.Issued clientCert = TestPki.leaf(ca, "alice", TestPki.Usage.CLIENT);
        serverSettings = new TlsSettings(false, List.of(ca.certificate()), List.of(serverCert.certificate()), keys.getPrivate(),
                "TLSv1.2", version, true, RequiredPeerUsage.TLS_CLIENT);
        clientSettings = new TlsSettings(true, List.of(ca.certificate()), List.of(clientCert.certificate()), clientCert.keys().getPrivate(),
                "TLSv1.2", "TLSv1.3", false, RequiredPeerUsage.TLS_SERVER);
        client = named("conscrypt");
        server = named(provider);
    }

    /** Counts the measured iterations only. */
    @Setup(Level.Iteration)
    public void startIteration() {
        serverNanos = 0;
        handshakes = 0;
    }

    /** JMH prints a forked run's output: the server's share of the last iteration. */
    @TearDown(Level.Iteration)
    public void reportServerCpu() {
        if (handshakes > 0) {
            System.out.printf("server CPU per handshake: %.0f us over %d handshakes%n", serverNanos / 1000.0 / handshakes, handshakes);
        }
    }

    @Benchmark
    public boolean handshake() throws Exception {
        SSLEngine clientEngine = client.newEngine(clientSettings);
        long start = THREADS.getCurrentThreadCpuTime();
        Timed serverEngine = new Timed(server.newEngine(serverSettings));
        serverEngine.nanos += THREADS.getCurrentThreadCpuTime() - start;
        HandshakeDriver.Outcome outcome = HandshakeDriver.run(clientEngine, serverEngine);
        if (!outcome.finished()) {
            throw new IllegalStateException("handshake failed: " + outcome.clientError() + " / " + outcome.serverError());
        }
        serverNanos += serverEngine.nanos;
        handshakes++;
        return outcome.finished();
    }

    private static TlsProvider named(String name) throws Exception {
        return switch (name) {
            case "bc" -> ServiceLoader.load(TlsProvider.class).stream().map(ServiceLoader.Provider::get)
                    .filter(p -> p instanceof BcTlsProvider).findFirst().orElseThrow();
            case "conscrypt" -> {
                var constructor = Class.forName("dev.culvert.ssl.conscrypt.ConscryptTlsProvider").getDeclaredConstructor();
                constructor.setAccessible(true);
                yield (TlsProvider) constructor.newInstance();
            }
            default -> throw new IllegalArgumentException("no TLS module named " + name);
        };
    }

    private static KeyPair rsa4096() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(4096);
        return generator.generateKeyPair();
    }

    /** The server's engine, adding up the thread CPU spent inside it. */
    private static final class Timed extends ForwardingSSLEngine {
        long nanos;

        Timed(SSLEngine engine) {
            super(engine, new EngineRecord());
        }

        @Override
        protected SSLException explain(SSLException failure) {
            return failure;
        }

        @Override
        public SSLEngineResult wrap(java.nio.ByteBuffer[] sources, int offset, int length, java.nio.ByteBuffer destination) throws SSLException {
            long start = THREADS.getCurrentThreadCpuTime();
            try {
                return super.wrap(sources, offset, length, destination);
            } finally {
                nanos += THREADS.getCurrentThreadCpuTime() - start;
            }
        }

        @Override
        public SSLEngineResult unwrap(java.nio.ByteBuffer source, java.nio.ByteBuffer[] destinations, int offset, int length) throws SSLException {
            long start = THREADS.getCurrentThreadCpuTime();
            try {
                return super.unwrap(source, destinations, offset, length);
            } finally {
                nanos += THREADS.getCurrentThreadCpuTime() - start;
            }
        }

        @Override
        public Runnable getDelegatedTask() {
            Runnable task = super.getDelegatedTask();
            return task == null ? null : () -> {
                long start = THREADS.getCurrentThreadCpuTime();
                try {
                    task.run();
                } finally {
                    nanos += THREADS.getCurrentThreadCpuTime() - start;
                }
            };
        }
    }
}

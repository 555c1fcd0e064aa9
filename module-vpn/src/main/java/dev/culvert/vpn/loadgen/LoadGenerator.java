package dev.culvert.vpn.loadgen;

import dev.culvert.core.aead.JceAeadProvider;
import dev.culvert.core.config.Config;
import dev.culvert.core.slot.Ranked;
import dev.culvert.spi.aead.AeadProvider;
import dev.culvert.spi.config.ConfigException;
import dev.culvert.spi.tls.TlsProvider;
import dev.culvert.vpn.config.ClientConfig;
import dev.culvert.vpn.config.RemoteEntry;
import dev.culvert.vpn.keys.OccOptionsString;
import dev.culvert.vpn.session.SessionSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Drives many idle OpenVPN clients against one server from this JVM (see the package
 * description): connects them at the given pace, waits until each connected or gave up, measures
 * the idle window, and prints the {@link LoadResult}. Runs on a plain class path, no OSGi.
 */
public final class LoadGenerator {
    /** The version the clients announce (IV_VER), as Culvert's own client does. */
    static final String VERSION = "2.6.14";
    private static final long SECOND = 1_000_000_000L;
    private static final long POLL_NANOS = 200_000_000L;
    private static final long PROGRESS_NANOS = 5 * SECOND;
    /** Descriptors the JVM itself holds (its jars, selectors, libraries), roughly. */
    private static final long DESCRIPTOR_SPARE = 64;

    private final LoadOptions options;
    private final TlsProvider tls;
    private final AeadProvider aead;
    private final PrintStream out;

    LoadGenerator(LoadOptions options, TlsProvider tls, AeadProvider aead, PrintStream out) {
        this.options = options;
        this.tls = tls;
        this.aead = aead;
        this.out = out;
    }

    public static void main(String[] args) {
        if (args.length == 0 || Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
            System.out.print(LoadOptions.USAGE);
            System.exit(args.length == 0 ? 2 : 0);
        }
        LoadOptions options;
        TlsProvider tls;
        try {
            options = LoadOptions.parse(List.of(args));
            tls = tlsProvider(options.tls());
        } catch (IllegalArgumentException e) {
            System.err.println("loadgen: " + e.getMessage());
            System.err.print(LoadOptions.USAGE);
            System.exit(2);
            return;
        }
        try {
            LoadResult result = new LoadGenerator(options, tls, new JceAeadProvider(), System.out).run();
            System.exit(result.connected() > 0 ? 0 : 1);
        } catch (ConfigException e) {
            System.err.println("loadgen: " + e.getMessage());
            System.exit(2);
        } catch (IOException e) {
            System.err.println("loadgen: " + e.getMessage());
            System.exit(1);
        } catch (InterruptedException e) {
            System.exit(130);
        }
    }

    /** The TLS provider named, or the highest ranked one on the class path. */
    static TlsProvider tlsProvider(String name) {
        List<TlsProvider> found = new ArrayList<>();
        ServiceLoader.load(TlsProvider.class).stream().forEach(p -> {
            try {
                found.add(p.get());
            } catch (java.util.ServiceConfigurationError | RuntimeException | LinkageError e) {
                // a provider that cannot load here (a missing native library) is not a choice
            }
        });
        return found.stream().filter(p -> name == null || p.name().equals(name))
                .max(Comparator.comparingInt(p -> p instanceof Ranked r ? r.ranking() : 0))
                .orElseThrow(() -> new IllegalArgumentException(name == null ? "no TLS provider on the class path (add module-ssl-bc)"
                        : "no TLS provider named " + name + " (found " + found.stream().map(TlsProvider::name).toList() + ")"));
    }

    /** Connects, idles, reports. */
    LoadResult run() throws ConfigException, IOException, InterruptedException {
        ClientConfig config = ClientConfig.from(Config.load(options.config()));
        config.checkTlsModule(tls);
        RemoteEntry first = config.connections().entries().get(0);
        if (first.transport() != OccOptionsString.Transport.UDP) {
            throw new IOException(options.config() + ": the load generator speaks UDP only; the first remote is " + first);
        }
        InetSocketAddress server = server(first);
        SessionSettings settings = config.toSessionSettings(tls, aead, new SecureRandom(), VERSION);
        RunContext run = new RunContext(settings, server, options.connectSeconds() * SECOND, options.lateSlackSeconds() * SECOND,
                new ConnectTally(), new GapTally(), new IdleWindow());

        List<EventLoop> loops = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        List<List<LoadClient>> clientsByLoop = new ArrayList<>();
        for (int i = 0; i < options.threads(); i++) {
            EventLoop loop = new EventLoop(String.valueOf(i));
            loops.add(loop);
            clientsByLoop.add(new ArrayList<>());
            Thread t = new Thread(loop, "loadgen-loop-" + i);
            t.start();
            threads.add(t);
        }
        try {
            out.printf("loadgen: %d clients to %s at %d/s on %d threads (TLS %s)%n", options.clients(), server, options.ratePerSecond(),
                    options.threads(), tls.name());
            warnOfDescriptors();
            connectAll(run, loops, clientsByLoop);
            out.printf("loadgen: connected %d of %d (failed %d); idle window of %d s begins%n", run.connects().connected(),
                    options.clients(), run.connects().failedCount(), options.idleSeconds());
            run.connects().failedDetails().forEach(detail -> out.println("loadgen: failed client: " + detail));
            out.flush();
            long cpu0 = processCpuNanos();
            run.window().open(System.nanoTime());
            Thread.sleep(options.idleSeconds() * 1000L);
            run.window().close(System.nanoTime());
            long cpu1 = processCpuNanos();
            onEachLoop(loops, clientsByLoop, LoadClient::windowClosed);
            out.println("loadgen: idle window ends");
            LoadResult result = result(run, cpu0 < 0 || cpu1 < 0 ? -1 : (cpu1 - cpu0) / 1e9);
            out.print(result.text());
            out.flush();
            if (options.holdSeconds() > 0) {
                out.printf("loadgen: holding the clients %d s%n", options.holdSeconds());
                out.flush();
                Thread.sleep(options.holdSeconds() * 1000L);
            }
            return result;
        } finally {
            loops.forEach(EventLoop::stop);
            for (Thread t : threads) {
                t.join(10_000);
            }
        }
    }

    /** A socket per client, and with Conscrypt a pipe per TLS session besides: says so if the process may not open that many. */
    private void warnOfDescriptors() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            long need = options.clients() * ("conscrypt".equals(tls.name()) ? 3L : 1L) + DESCRIPTOR_SPARE;
            if (unix.getMaxFileDescriptorCount() < need) {
                out.printf("loadgen: WARNING: %d clients need about %d file descriptors with TLS %s, the limit is %d (ulimit -n);"
                        + " the rest will fail with 'Too many open files'%n", options.clients(), need, tls.name(),
                        unix.getMaxFileDescriptorCount());
            }
        }
    }

    private InetSocketAddress server(RemoteEntry first) throws IOException {
        String host = first.host();
        int port = first.port();
        if (options.remote() != null) {
            String r = options.remote();
            int colon = r.lastIndexOf(':');
            if (colon > 0 && r.indexOf(':') == colon) {
                host = r.substring(0, colon);
                port = Integer.parseInt(r.substring(colon + 1));
            } else {
                host = r;
            }
        }
        InetSocketAddress address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
            throw new IOException("cannot resolve the server " + host);
        }
        return address;
    }

    /** Starts the clients at the set pace, then waits until each connected or gave up (bounded by the connect timeout). */
    private void connectAll(RunContext run, List<EventLoop> loops, List<List<LoadClient>> clientsByLoop) throws InterruptedException {
        long start = System.nanoTime();
        long spacing = SECOND / options.ratePerSecond();
        long progress = start + PROGRESS_NANOS;
        for (int i = 0; i < options.clients(); i++) {
            long due = start + i * spacing;
            for (long now; (now = System.nanoTime()) - due < 0; ) {
                LockSupport.parkNanos(due - now);
            }
            EventLoop loop = loops.get(i % loops.size());
            LoadClient client = new LoadClient(run, loop);
            clientsByLoop.get(i % loops.size()).add(client);
            loop.execute(client::start);
            if (System.nanoTime() - progress > 0) {
                progress += PROGRESS_NANOS;
                progress(run, i + 1);
            }
        }
        long deadline = System.nanoTime() + run.connectTimeoutNanos() + 2 * SECOND;
        while (run.connects().connected() + run.connects().failedCount() < options.clients() && System.nanoTime() - deadline < 0) {
            Thread.sleep(POLL_NANOS / 1_000_000);
            if (System.nanoTime() - progress > 0) {
                progress += PROGRESS_NANOS;
                progress(run, options.clients());
            }
        }
    }

    private void progress(RunContext run, int started) {
        out.printf("loadgen: %d started, %d connected, %d failed%n", started, run.connects().connected(), run.connects().failedCount());
        out.flush();
    }

    /** Runs {@code action} for every client on its own loop, and waits until all are done. */
    private static void onEachLoop(List<EventLoop> loops, List<List<LoadClient>> clientsByLoop,
                                   java.util.function.Consumer<LoadClient> action) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(loops.size());
        for (int i = 0; i < loops.size(); i++) {
            List<LoadClient> mine = clientsByLoop.get(i);
            loops.get(i).execute(() -> {
                mine.forEach(action);
                done.countDown();
            });
        }
        if (!done.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("an event loop did not answer within 30 s");
        }
    }

    private LoadResult result(RunContext run, double cpuSeconds) {
        ConnectTally c = run.connects();
        GapTally g = run.keepalives();
        System.gc();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1024;
        return new LoadResult(options.clients(), c.connected(), c.failedCount(), c.failures(), c.lostCount(), c.losses(),
                millis(c.connectPercentileNanos(50)), millis(c.connectPercentileNanos(99)), millis(c.connectPercentileNanos(100)),
                run.window().seconds(), g.received(), g.sent(), g.gapCount(), millis(g.percentileNanos(50)),
                millis(g.percentileNanos(99)), millis(g.longestNanos()), g.late(), g.silentAtEnd(), c.pingRestarts(),
                c.sendsRefused(), heap, cpuSeconds, c.notReceived());
    }

    private static long millis(long nanos) {
        return nanos / 1_000_000;
    }

    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
    }
}

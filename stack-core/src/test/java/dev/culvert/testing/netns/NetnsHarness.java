package dev.culvert.testing.netns;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import jnr.ffi.Runtime;

/**
 * Creates network namespaces and veth pairs for one test, runs nodes and probes inside them, and
 * deletes all of it on {@link #close()}, from a JVM shutdown hook if the test never gets there.
 *
 * <p>Names are unique per JVM and run ({@code cvt-<pid>-<n>-<role>}), so parallel runs and
 * leftovers never collide. It stops only the processes it started, by their handle. Every wait
 * is bounded. Addresses on veth links come from the documentation ranges (192.0.2.0/24,
 * 198.51.100.0/24); tunnels use 10.x inside the namespaces only.
 *
 * <p>Two ways to run code in a namespace: {@link #startJava} forks a JVM with
 * {@code ip netns exec} (a whole node, as an operator would run it), and {@link #inNamespace}
 * runs a task on a fresh thread that entered the namespace with setns(2). Sockets and TUN devices
 * belong to the namespace they were created in, so what that task opens may be used from any
 * thread afterwards; threads it starts stay in the namespace.
 */
public final class NetnsHarness implements AutoCloseable {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final long COMMAND_SECONDS = 15;

    private final List<String> namespaces = new ArrayList<>();
    private final List<Process> processes = new ArrayList<>();
    private final Path logDirectory;
    private final Thread shutdownHook;
    private boolean closed;

    private NetnsHarness(Path logDirectory) {
        this.logDirectory = logDirectory;
        this.shutdownHook = new Thread(this::cleanUp, "netns-harness-cleanup");
        java.lang.Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** A harness, after checking the prerequisites (skip, or fail on CI, when they are missing). */
    public static NetnsHarness open() throws IOException {
        Prerequisites.require();
        // Surefire runs in the module directory: logs land in target/, beside the test reports.
        Path logs = Files.isDirectory(Path.of("target")) ? Path.of("target", "netns-logs").toAbsolutePath()
                : Path.of(System.getProperty("java.io.tmpdir"), "culvert-netns-logs");
        Files.createDirectories(logs);
        return new NetnsHarness(logs);
    }

    /** Creates a namespace with its loopback up and returns its name. */
    public synchronized String namespace(String role) throws IOException {
        String name = "cvt-" + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet() + "-" + role;
        ip("netns", "add", name);
        namespaces.add(name);
        ip("-n", name, "link", "set", "lo", "up");
        // A new namespace inherits the host's IPv4 forwarding: with it on, a node that wrote a
        // packet to its TUN device instead of routing it itself would be rescued by the kernel.
        exec(name, "sysctl", "-q", "-w", "net.ipv4.ip_forward=0", "net.ipv6.conf.all.forwarding=0");
        requireNoForwarding(name);
        return name;
    }

    /** Fails unless IPv4 and IPv6 forwarding are both off in {@code ns}. */
    public void requireNoForwarding(String ns) throws IOException {
        String v4 = exec(ns, "sysctl", "-n", "net.ipv4.ip_forward").trim();
        String v6 = exec(ns, "sysctl", "-n", "net.ipv6.conf.all.forwarding").trim();
        if (!v4.equals("0") || !v6.equals("0")) {
            throw new AssertionError("forwarding is on in " + ns + " (net.ipv4.ip_forward=" + v4
                    + ", net.ipv6.conf.all.forwarding=" + v6 + "): its kernel could carry traffic a node should route");
        }
    }

    /**
     * The global-scope addresses on {@code device} in {@code ns}, IPv4 and IPv6, each as
     * {@code address/prefix}, in the kernel's order.
     */
    public List<String> addresses(String ns, String device) throws IOException {
        List<String> found = new ArrayList<>();
        for (String line : ip("-n", ns, "-o", "addr", "show", "dev", device, "scope", "global").split("\n")) {
            String[] words = line.trim().split("\\s+");
            for (int i = 0; i < words.length - 1; i++) {
                if (words[i].equals("inet") || words[i].equals("inet6")) {
                    found.add(words[i + 1]);
                }
            }
        }
        return found;
    }

    /** Fails unless {@code device} in {@code ns} carries exactly {@code expected} (address/prefix, any order). */
    public void requireAddresses(String ns, String device, String... expected) throws IOException {
        List<String> found = addresses(ns, device);
        if (!new java.util.HashSet<>(found).equals(java.util.Set.of(expected)) || found.size() != expected.length) {
            throw new AssertionError(device + " in " + ns + " carries " + found + ", expected exactly " + List.of(expected));
        }
    }

    /**
     * Connects two namespaces with a veth pair, {@code ifA} in {@code nsA} with address
     * {@code cidrA}, {@code ifB} in {@code nsB} with {@code cidrB}, both up. The pair is created
     * inside {@code nsA}, so its names never touch the host's namespace.
     */
    public void veth(String nsA, String ifA, String cidrA, String nsB, String ifB, String cidrB) throws IOException {
        ip("-n", nsA, "link", "add", ifA, "type", "veth", "peer", "name", ifB, "netns", nsB);
        addAddress(nsA, ifA, cidrA);
        addAddress(nsB, ifB, cidrB);
        ip("-n", nsA, "link", "set", ifA, "up");
        ip("-n", nsB, "link", "set", ifB, "up");
    }

    /** Adds an address; IPv6 ones skip duplicate address detection, so they work at once. */
    public void addAddress(String ns, String device, String cidr) throws IOException {
        if (cidr.contains(":")) {
            ip("-n", ns, "addr", "add", cidr, "dev", device, "nodad");
        } else {
            ip("-n", ns, "addr", "add", cidr, "dev", device);
        }
    }

    /** Runs {@code ip ARGS...}. */
    public String ip(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add("ip");
        command.addAll(List.of(args));
        return Shell.run(command, COMMAND_SECONDS, TimeUnit.SECONDS);
    }

    /** Runs a short command inside {@code ns} and returns its output. */
    public String exec(String ns, String... command) throws IOException {
        return execWithin(COMMAND_SECONDS, ns, command);
    }

    /** {@link #exec} for a command that runs longer than the usual limit by design, e.g. a timed series of pings. */
    public String execWithin(long seconds, String ns, String... command) throws IOException {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        full.addAll(List.of(command));
        return Shell.run(full, seconds, TimeUnit.SECONDS);
    }

    /**
     * Starts {@code mainClass} from the test class path in a new JVM inside {@code ns}; its
     * output goes to a log file named after {@code label}. The harness stops it on close.
     */
    public NodeProcess startJava(String ns, String label, String mainClass, String... args) throws IOException {
        return startJava(ns, label, List.of(), mainClass, args);
    }

    /** As {@link #startJava(String, String, String, String...)}, with {@code wrapper} (e.g. setpriv) before java. */
    public synchronized NodeProcess startJava(String ns, String label, List<String> wrapper, String mainClass, String... args)
            throws IOException {
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        command.addAll(wrapper);
        command.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.add("-Xmx256m");
        command.add("-XX:+UseSerialGC");
        command.add("-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"));
        if (java.lang.Runtime.version().feature() >= 22) {
            command.add("--enable-native-access=ALL-UNNAMED");
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(List.of(args));
        return start(label, ns, command, Map.of());
    }

    /**
     * Starts any program inside {@code ns} (a stock {@code openvpn}, a {@code bin/culvert} node),
     * with extra environment variables; its output goes to a log named after {@code label}. The
     * harness stops it on close, by its handle.
     */
    public NodeProcess startProgram(String ns, String label, Map<String, String> environment, String... program)
            throws IOException {
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        command.addAll(List.of(program));
        return start(label, ns, command, environment);
    }

    private synchronized NodeProcess start(String label, String ns, List<String> command, Map<String, String> environment)
            throws IOException {
        Path log = logDirectory.resolve(ns + "-" + label + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        processes.add(process);
        return new NodeProcess(label, process, log);
    }

    /** Runs {@code task} on a new thread that has entered {@code ns}; waits up to 60 s for it. */
    public <T> T inNamespace(String ns, Callable<T> task) throws Exception {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread thread = new Thread(() -> {
            try {
                enter(ns);
                result.set(task.call());
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "in-" + ns);
        thread.setDaemon(true);
        thread.start();
        thread.join(TimeUnit.SECONDS.toMillis(60));
        if (thread.isAlive()) {
            throw new IllegalStateException("task in " + ns + " did not finish within 60 s");
        }
        if (failure.get() instanceof Exception e) {
            throw e;
        }
        if (failure.get() != null) {
            throw new IllegalStateException(failure.get());
        }
        return result.get();
    }

    private static void enter(String ns) throws IOException {
        SetNs libc = SetNs.load();
        int fd = libc.open("/run/netns/" + ns, SetNs.O_RDONLY_CLOEXEC);
        if (fd < 0) {
            throw new IOException("open /run/netns/" + ns + ": errno " + Runtime.getRuntime(libc).getLastError());
        }
        try {
            if (libc.setns(fd, SetNs.CLONE_NEWNET) != 0) {
                throw new IOException("setns " + ns + ": errno " + Runtime.getRuntime(libc).getLastError());
            }
        } finally {
            libc.close(fd);
        }
    }

    /** Stops the processes it started and deletes its namespaces (with their veth and TUN devices). */
    @Override
    public void close() {
        cleanUp();
        try {
            java.lang.Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or has run
        }
    }

    private synchronized void cleanUp() {
        if (closed) {
            return;
        }
        closed = true;
        for (Process p : processes) {
            p.destroy();
        }
        for (Process p : processes) {
            try {
                if (!p.waitFor(5, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    p.waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        for (int i = namespaces.size() - 1; i >= 0; i--) {
            try {
                ip("netns", "del", namespaces.get(i));
            } catch (IOException e) {
                System.err.println("netns harness: could not delete namespace " + namespaces.get(i) + ": " + e.getMessage());
            }
        }
    }

    /** A JVM the harness started, with its log. */
    public record NodeProcess(String label, Process process, Path log) {
        /** Waits until a log line starts with {@code prefix}; fails if the process ends first or the time runs out. */
        public String awaitLine(String prefix, long timeout, TimeUnit unit) throws IOException, InterruptedException {
            return awaitLine("'" + prefix + "'", line -> line.startsWith(prefix), timeout, unit);
        }

        /**
         * Waits until a log line satisfies {@code wanted} (described by {@code what}); fails if the
         * process ends first or the time runs out.
         */
        public String awaitLine(String what, Predicate<String> wanted, long timeout, TimeUnit unit)
                throws IOException, InterruptedException {
            long deadline = System.nanoTime() + unit.toNanos(timeout);
            while (System.nanoTime() < deadline) {
                for (String line : lines()) {
                    if (wanted.test(line)) {
                        return line;
                    }
                }
                if (!process.isAlive()) {
                    throw new IllegalStateException(label + " exited (" + process.exitValue() + ") before " + what
                            + "; its log:\n" + String.join("\n", lines()));
                }
                Thread.sleep(50);
            }
            throw new IllegalStateException(label + ": no " + what + " within " + timeout + " " + unit
                    + "; its log:\n" + String.join("\n", lines()));
        }

        /** The last log line starting with {@code prefix}, or null. */
        public String lastLine(String prefix) throws IOException {
            String last = null;
            for (String line : lines()) {
                if (line.startsWith(prefix)) {
                    last = line;
                }
            }
            return last;
        }

        /**
         * The log's lines as one read found them. Not {@code Files.readAllLines}: its reader returns
         * the half-written last line at end of file and then goes on reading what the node wrote
         * meanwhile, so a line being written splits in two (a session row cut mid-word, seen in CI).
         */
        public List<String> lines() throws IOException {
            return Files.exists(log) ? new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList() : List.of();
        }

        /**
         * The stacks of the node's JVM threads ({@code jcmd PID Thread.print}), for a test that gives
         * up waiting on it: the JVM is the process itself or, under a launcher script, its
         * descendant. What went wrong instead of a dump, when none could be taken.
         */
        public String threadDump() {
            java.util.Optional<ProcessHandle> jvm = java.util.stream.Stream.concat(java.util.stream.Stream.of(process.toHandle()),
                            process.toHandle().descendants())
                    .filter(h -> h.info().command().map(c -> c.endsWith("/java")).orElse(false)).findFirst();
            if (jvm.isEmpty()) {
                return label + ": no JVM among the process and its descendants";
            }
            Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
            try {
                Process dump = new ProcessBuilder(jcmd.toString(), Long.toString(jvm.get().pid()), "Thread.print")
                        .redirectErrorStream(true).start();
                byte[] text = dump.getInputStream().readAllBytes();
                if (!dump.waitFor(30, TimeUnit.SECONDS)) {
                    dump.destroyForcibly();
                }
                return new String(text, StandardCharsets.UTF_8);
            } catch (IOException e) {
                return label + ": jcmd failed: " + e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return label + ": interrupted while jcmd ran";
            }
        }
    }
}

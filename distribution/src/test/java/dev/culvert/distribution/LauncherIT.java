package dev.culvert.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.core.io.nativeio.NotifyReceiver;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/culvert} as an operator types it: the command line, the exit codes, the JDK it picks,
 * and OpenVPN's signals on a node. Each case runs the assembled distribution's launcher as a
 * process of its own; none needs root.
 */
class LauncherIT {
    static final Path DIST = Path.of(System.getProperty("culvert.dist", "target/culvert")).toAbsolutePath();
    static final Path LAUNCHER = DIST.resolve("bin/culvert");
    static final List<String> OPTIONS = List.of("--config FILE", "--check FILE", "--no-config", "--no-shell", "--shell",
            "--demo [PACKETS]", "--genkey TYPE [FILE [METADATA]]", "--tls-crypt-v2 FILE", "--home DIR", "--version", "--help");

    @TempDir
    Path work;

    /** Every process a case started, ended by its handle if the case did not end it. */
    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void stopWhatWasStarted() throws InterruptedException {
        for (Process p : started) {
            if (p.isAlive()) {
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void withNoArgumentsItPrintsUsageAndExitsWithTheUsageCode() throws Exception {
        Result r = run(Map.of(), List.of());
        assertEquals(2, r.exit, r.output);
        assertTrue(r.output.contains("nothing to do"), r.output);
        OPTIONS.forEach(o -> assertTrue(r.output.contains(o), "usage names " + o + ":\n" + r.output));
    }

    @Test
    void helpListsEveryOptionTheSignalsAndTheExitCodes() throws Exception {
        Result r = run(Map.of(), List.of("--help"));
        assertEquals(0, r.exit, r.output);
        OPTIONS.forEach(o -> assertTrue(r.output.contains("  " + o), "--help lists " + o + ":\n" + r.output));
        for (String s : List.of("SIGHUP", "SIGUSR1", "SIGUSR2", "SIGTERM", "0 ok", "2 bad command line", "3 the node could not start")) {
            assertTrue(r.output.contains(s), "--help explains " + s + ":\n" + r.output);
        }
    }

    @Test
    void anUnknownArgumentIsAUsageError() throws Exception {
        Result r = run(Map.of(), List.of("--daemonize-please"));
        assertEquals(2, r.exit, r.output);
        assertTrue(r.output.contains("unknown argument --daemonize-please"), r.output);
    }

    /** What --check passes, --config does not refuse: a configuration no installed module runs fails both. */
    @Test
    void checkRefusesAConfigurationNoInstalledModuleRunsAsConfigDoes() throws Exception {
        Path conf = work.resolve("compression-only.conf");
        Files.writeString(conf, "verb 3\nallow-compression yes\ncompress lz4-v2\n");
        for (String option : List.of("--check", "--config")) {
            Result r = run(Map.of(), List.of(option, conf.toString(), "--no-shell"));
            assertEquals(2, r.exit, option + ":\n" + r.output);
            assertTrue(r.output.contains(conf + ": no installed module runs this configuration"), option + ":\n" + r.output);
        }
    }

    /**
     * Options OpenVPN 2.6 on Linux treats as no-ops pass --check, as do the lines a provider's file
     * wraps for other systems; a no-op with a typo in its arguments is still refused at its line.
     */
    @Test
    void checkAcceptsTheNoOpsOfA26FileAndTheLinesItMarksAsSkippable() throws Exception {
        Path conf = CheckableFiles.client(work, "no-ops.conf", "verb 3\nfast-io\nping-timer-rem\npersist-remote-ip\n"
                + "mute-replay-warnings\ndisable-occ\nroute-delay 2\nroute-method exe\ntun-mtu-extra 32\nsetenv opt block-outside-dns\n"
                + "ignore-unknown-option register-dns\nregister-dns\nsetenv CLIENT_SITE berlin\n");
        Result r = run(Map.of(), List.of("--check", conf.toString()));
        assertEquals(0, r.exit, r.output);

        Path typo = work.resolve("typo.conf");
        Files.writeString(typo, "client\nroute-delay soon\n");
        Result refused = run(Map.of(), List.of("--check", typo.toString()));
        assertEquals(2, refused.exit, refused.output);
        assertTrue(refused.output.contains(typo + ":2: 'soon' is not a whole number"), refused.output);
    }

    @Test
    void versionPrintsCulvertsVersionTheJavaAndEveryBundle() throws Exception {
        Result r = run(Map.of(), List.of("--version"));
        assertEquals(0, r.exit, r.output);
        List<String> lines = r.output.lines().toList();
        assertTrue(lines.get(0).matches("culvert 0\\.1\\.0\\.\\w+"), lines.get(0));
        assertTrue(lines.get(1).startsWith("java " + System.getProperty("java.specification.version")), lines.get(1));
        List<String> jars = bundleJars();
        assertEquals("bundles (" + jars.size() + "):", lines.get(2));
        for (String jar : jars) {
            assertTrue(lines.stream().anyMatch(l -> l.endsWith(" " + jar)), jar + " listed:\n" + r.output);
        }
        assertTrue(lines.stream().anyMatch(l -> l.trim().startsWith("dev.culvert.module-vpn ")), r.output);
    }

    /** Stock openvpn reads a key Culvert made as its own: all 256 bytes, in its static-key self-test. */
    @Test
    void stockOpenvpnAcceptsAKeyFromGenkey() throws Exception {
        InteropSupport.requireOpenvpn();
        for (String type : List.of("secret", "tls-crypt", "tls-auth")) {
            Path key = work.resolve(type + ".key");
            Result made = run(Map.of(), List.of("--genkey", type, key.toString()));
            assertEquals(0, made.exit, made.output);
            Process openvpn = new ProcessBuilder("openvpn", "--test-crypto", "--secret", key.toString(), "--cipher", "AES-256-CBC",
                    "--verb", "1").redirectErrorStream(true).start();
            started.add(openvpn);
            String output = new String(openvpn.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(openvpn.waitFor(60, TimeUnit.SECONDS), "openvpn --test-crypto ended");
            assertEquals(0, openvpn.exitValue(), output);
            assertTrue(output.contains("crypto self-test mode SUCCEEDED"), output);
        }
    }

    @Test
    void aWorkDirectoryThatCannotBeMadeIsOneLineNamingItAndTheFixWithExit3() throws Exception {
        Result r = run(Map.of("CULVERT_JAVA_OPTS", "", "CULVERT_WORK", "/dev/null/work"), List.of("--no-config", "--no-shell"));
        assertEquals(3, r.exit, r.output);
        assertTrue(r.output.contains("the work directory /dev/null/work cannot be created"), r.output);
        assertTrue(r.output.contains("fix: set CULVERT_WORK"), r.output);
        assertFalse(r.output.contains("\tat "), "no stack trace:\n" + r.output);
    }

    @Test
    void aDaemonWhoseConfigurationIsRefusedMakesTheLauncherSayWhyAndExitWithTheChildsCode() throws Exception {
        Path conf = Files.writeString(work.resolve("daemon.conf"), "daemon\nclient\nfrobnicate yes\n");
        Result r = run(Map.of(), List.of("--config", conf.toString()));
        assertEquals(2, r.exit, r.output);
        assertTrue(r.output.contains("daemon.conf:3: unknown directive 'frobnicate'"), r.output);
        assertFalse(r.output.contains("running in the background"), r.output);
    }

    @Test
    void theNodeRunsWithTheSerialCollectorAndAHeapCeilingThatCulvertHeapSets() throws Exception {
        Result byDefault = run(Map.of("CULVERT_JAVA_OPTS", "-XX:+PrintFlagsFinal"), List.of("--help"));
        assertEquals(0, byDefault.exit, byDefault.output);
        assertTrue(flag(byDefault, "UseSerialGC", "true"), byDefault.output);
        assertTrue(flag(byDefault, "MaxHeapSize", Long.toString(256L << 20)), byDefault.output);
        Result sized = run(Map.of("CULVERT_JAVA_OPTS", "-XX:+PrintFlagsFinal", "CULVERT_HEAP", "96m"), List.of("--help"));
        assertTrue(flag(sized, "MaxHeapSize", Long.toString(96L << 20)), sized.output);
    }

    @Test
    void aCollectorChosenInCulvertJavaOptsReplacesTheDefaultOne() throws Exception {
        Result r = run(Map.of("CULVERT_JAVA_OPTS", "-XX:+UseG1GC -XX:+PrintFlagsFinal"), List.of("--help"));
        assertEquals(0, r.exit, r.output);
        assertTrue(flag(r, "UseG1GC", "true"), r.output);
        assertTrue(flag(r, "UseSerialGC", "false"), r.output);
    }

    /** JDK 25's AOT cache: made by the first node's start, then used by every start, a bundle's classes included. */
    @Test
    void theFirstNodeMakesTheStartUpCacheAndLaterStartsLoadTheirClassesFromIt() throws Exception {
        Assumptions.assumeTrue(Runtime.version().feature() >= 25, "the AOT cache needs JDK 25");
        Path cacheDir = work.resolve("aot");
        Path refused = Files.writeString(work.resolve("refused.conf"), "remtoe 192.0.2.1\n");
        Result first = run(Map.of("CULVERT_AOT_DIR", cacheDir.toString()), List.of("--config", refused.toString()));
        assertEquals(2, first.exit, first.output);
        assertTrue(first.output.contains("making the start-up cache"), first.output);
        assertEquals(1, caches(cacheDir).size(), "one cache in " + cacheDir);

        Path ok = CheckableFiles.client(work, "ok.conf", "verb 3\n");
        Path classes = work.resolve("classes.log");
        Result later = run(Map.of("CULVERT_AOT_DIR", cacheDir.toString(),
                "CULVERT_JAVA_OPTS", "-Dculvert.work=" + work.resolve("node") + " -Xlog:class+load:file=" + classes), List.of("--check", ok.toString()));
        assertEquals(0, later.exit, later.output);
        assertFalse(later.output.contains("making the start-up cache"), later.output);
        String loaded = read(classes);
        assertTrue(loaded.contains("dev.culvert.launcher.Main source: shared objects file"), "the launcher's classes come from the cache");
        assertTrue(loaded.contains("dev.culvert.core.osgi.KernelComponent source: shared objects file"), "and a bundle's");
    }

    /** The framework cache the last start left is used again; one that is damaged is made again, and the node starts. */
    @Test
    void theFrameworkCacheOfTheLastStartServesTheNextAndADamagedOneIsMadeAgain() throws Exception {
        Path ok = CheckableFiles.client(work, "ok.conf", "verb 3\n");
        String accepted = "culvert: " + ok + ": every directive is claimed by an installed module, and one runs it";
        Result first = run(Map.of(), List.of("--check", ok.toString()));
        assertEquals(List.of(accepted), first.output.lines().toList());
        Path key = work.resolve("node").resolve("felix-cache.key");
        assertTrue(Files.exists(key), "a successful start vouches for its cache");
        Path cache = work.resolve("node").resolve("felix-cache");
        List<Path> damaged;
        try (var files = Files.walk(cache)) {
            damaged = files.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().equals("cache.lock")).toList();
        }
        assertFalse(damaged.isEmpty(), "the cache holds files");
        for (Path f : damaged) {
            Files.write(f, new byte[] {0, 1, 2});
        }
        Result again = run(Map.of(), List.of("--check", ok.toString()));
        assertEquals(0, again.exit, again.output);
        assertTrue(again.output.lines().anyMatch(accepted::equals), again.output);
        assertTrue(again.output.lines().filter(l -> !l.equals(accepted))
                .allMatch(l -> l.matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d ERROR: framework: Error reloading cached bundle, removing it: .*")),
                "the damage is told in one dated line per bundle, no stack trace:\n" + again.output);
        assertTrue(Files.exists(key));
    }

    @Test
    void aCacheTheJvmCannotUseCostsNothingButTime() throws Exception {
        Assumptions.assumeTrue(Runtime.version().feature() >= 25, "the AOT cache needs JDK 25");
        Path cacheDir = work.resolve("aot");
        Path refused = Files.writeString(work.resolve("refused.conf"), "remtoe 192.0.2.1\n");
        assertEquals(2, run(Map.of("CULVERT_AOT_DIR", cacheDir.toString()), List.of("--config", refused.toString())).exit);
        for (Path cache : caches(cacheDir)) {
            Files.write(cache, new byte[] {1, 2, 3});
        }
        Path ok = CheckableFiles.client(work, "ok.conf", "verb 3\n");
        Result r = run(Map.of("CULVERT_AOT_DIR", cacheDir.toString()), List.of("--check", ok.toString()));
        assertEquals(0, r.exit, r.output);
        assertEquals(List.of("culvert: " + ok + ": every directive is claimed by an installed module, and one runs it"), r.output.lines().toList());
    }

    private static boolean flag(Result r, String name, String value) {
        return r.output.lines().anyMatch(l -> l.matches("\\s*\\S+\\s+" + name + "\\s+:?= " + value + "\\s.*"));
    }

    private static List<Path> caches(Path dir) throws IOException {
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "culvert-*.aot")) {
            files.forEach(found::add);
        }
        return found;
    }

    /** A default java older than 21 (first on PATH, and as JAVA_HOME) is passed over for an installed JDK 21+. */
    @Test
    void anOlderDefaultJavaIsPassedOverForAnInstalledNewerJdk() throws Exception {
        Path old = work.resolve("old-jdk");
        Files.createDirectories(old.resolve("bin"));
        Path java = old.resolve("bin/java");
        // A stand-in that says it is Java 17 and fails if anything tries to run Culvert with it.
        Files.writeString(java, "#!/bin/sh\ncase \"$*\" in *XshowSettings*) echo '    java.specification.version = 17' >&2; exit 0;; esac\n"
                + "echo 'the old java was used' >&2; exit 99\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        for (Map<String, String> env : List.of(
                Map.of("PATH", old.resolve("bin") + ":/usr/bin:/bin"),
                Map.of("PATH", old.resolve("bin") + ":/usr/bin:/bin", "JAVA_HOME", old.toString()))) {
            Result r = run(env, List.of("--version"));
            assertEquals(0, r.exit, env + ":\n" + r.output);
            String javaLine = r.output.lines().filter(l -> l.startsWith("java ")).findFirst().orElseThrow();
            int feature = Integer.parseInt(javaLine.split(" ")[1].split("[.+-]")[0]);
            assertTrue(feature >= 21, "a JDK 21+ was found: " + javaLine);
            assertFalse(r.output.contains("the old java was used"), r.output);
        }
    }

    @Test
    void usr2WritesTheStatusToTheLogAndTermStopsWithSuccess() throws Exception {
        Process node = start(List.of("--no-config", "--no-shell"));
        Path log = work.resolve("node.log");
        awaitLog(node, log, l -> l.contains("node running with"), "the node is up");
        signal(node, "USR2");
        awaitLog(node, log, l -> l.contains("SIGUSR2 received: status follows"), "the USR2 answer");
        awaitLog(node, log, l -> l.contains("native I/O:"), "the status itself");
        signal(node, "HUP");
        awaitLog(node, log, l -> l.contains("SIGHUP: no configuration to re-read"), "HUP without a configuration says so");
        assertTrue(node.isAlive(), "HUP without a configuration does not stop the node");
        signal(node, "TERM");
        assertTrue(node.waitFor(60, TimeUnit.SECONDS), "TERM stops the node");
        assertEquals(0, node.exitValue(), "TERM is a clean stop, which a service manager counts as success:\n" + read(log));
    }

    /**
     * HotSpot suspends threads for JFR's sampler with SIGUSR2 unless _JAVA_SR_SIGNUM names another
     * signal: with the node's SIGUSR2 handler installed, each sample would be taken for an operator's
     * SIGUSR2 (a status in the log every few milliseconds) and the profile would stay empty.
     */
    @Test
    void aProfilersThreadSamplingIsNotTakenForTheOperatorsSigusr2() throws Exception {
        assertTrue(usrTwoHandled(Map.of()) > 0, "without the launcher's setting the JVM's sampling reaches the handler");
        assertEquals(0, usrTwoHandled(Map.of("_JAVA_SR_SIGNUM", "40")), "with it, the sampler keeps to its own signal");

        Process node = start(Map.of("CULVERT_JAVA_OPTS", "-Dculvert.work=" + work.resolve("node")
                + " -XX:StartFlightRecording=settings=profile,filename=" + work.resolve("node.jfr")), List.of("--no-config", "--no-shell"));
        Path log = work.resolve("node.log");
        awaitLog(node, log, l -> l.contains("node running with"), "the node is up");
        String environment = Files.readString(Path.of("/proc", Long.toString(node.pid()), "environ")).replace('\0', '\n');
        assertTrue(environment.lines().anyMatch("_JAVA_SR_SIGNUM=40"::equals), "bin/culvert gives the JVM signal 40:\n" + environment);
        signal(node, "USR2");
        awaitLog(node, log, l -> l.contains("SIGUSR2 received: status follows"), "the USR2 answer");
        signal(node, "TERM");
        assertTrue(node.waitFor(60, TimeUnit.SECONDS), "TERM stops the node");
        assertEquals(1, read(log).lines().filter(l -> l.contains("SIGUSR2 received")).count(), "one status, for the one SIGUSR2:\n" + read(log));
    }

    /** Runs {@link UsrTwoCounter} with JFR sampling every 10 ms; how often its SIGUSR2 handler ran. */
    private int usrTwoHandled(Map<String, String> env) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(java.toString(), "-XX:StartFlightRecording=settings=profile,filename="
                + work.resolve("counter.jfr"), "-cp", System.getProperty("java.class.path"), UsrTwoCounter.class.getName())
                .redirectErrorStream(true);
        builder.environment().remove("_JAVA_SR_SIGNUM");
        builder.environment().putAll(env);
        Process counter = builder.start();
        started.add(counter);
        String output = new String(counter.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(counter.waitFor(60, TimeUnit.SECONDS), output);
        return output.lines().filter(l -> l.startsWith("usr2 handled ")).map(l -> Integer.parseInt(l.substring(13).trim()))
                .findFirst().orElseThrow(() -> new AssertionError("no count from the child JVM:\n" + output));
    }

    /** Under nohup the JVM keeps SIGHUP ignored, so a reload would do nothing: the node says so at start. */
    @Test
    void aNodeStartedUnderNohupSaysThatSighupWillDoNothing() throws Exception {
        List<String> command = new ArrayList<>(List.of("nohup", LAUNCHER.toString(), "--no-config", "--no-shell"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(work.resolve("node.log").toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("CULVERT_JAVA_OPTS", "-Dculvert.work=" + work.resolve("node"));
        Process node = builder.start();
        started.add(node);
        Path log = work.resolve("node.log");
        awaitLog(node, log, l -> l.contains("node running with"), "the node is up");
        assertTrue(read(log).contains("SIGHUP was ignored when this process started"), read(log));
        assertFalse(read(log).contains("SIGTERM was ignored"), "nohup leaves TERM alone:\n" + read(log));
        signal(node, "TERM");
        assertTrue(node.waitFor(60, TimeUnit.SECONDS), "TERM stops the node");
    }

    @Test
    void intStopsWithSuccessToo() throws Exception {
        Process node = start(List.of("--no-config", "--no-shell"));
        Path log = work.resolve("node.log");
        awaitLog(node, log, l -> l.contains("node running with"), "the node is up");
        signal(node, "INT");
        assertTrue(node.waitFor(60, TimeUnit.SECONDS), "INT stops the node");
        assertEquals(0, node.exitValue(), read(log));
    }

    @Test
    void aNodeTellsANotifyingServiceManagerWhenItRunsAndWhenItStops() throws Exception {
        Path socket = work.resolve("notify");
        try (NotifyReceiver systemd = NotifyReceiver.bind(socket)) {
            Process node = start(Map.of("NOTIFY_SOCKET", socket.toString()), List.of("--no-config", "--no-shell"));
            String ready = systemd.await(d -> d.startsWith("READY=1"), 60);
            assertTrue(ready.contains("MAINPID=" + node.pid()), "bin/culvert execs java, so the main pid is the node's: " + ready);
            signal(node, "TERM");
            assertTrue(node.waitFor(60, TimeUnit.SECONDS), "TERM stops the node");
            assertEquals(0, node.exitValue(), read(work.resolve("node.log")));
            systemd.await(d -> d.startsWith("STOPPING=1"), 10);
        }
    }

    /**
     * The shell keeps nothing of the commands it ran, so a script that polls it (or an operator at
     * it for weeks) does not fill the heap. Gogo's own console kept the two output streams of every
     * line, 33 KiB: a node polled ten times a second ran out of its 256 MiB within minutes.
     */
    @Test
    void theShellKeepsNothingOfTheCommandsItRan() throws Exception {
        Process node = start(List.of("--no-config", "--shell"));
        Path log = work.resolve("node.log");
        awaitLog(node, log, l -> l.contains("node running with"), "the node is up");
        try (java.io.Writer typed = new java.io.OutputStreamWriter(node.getOutputStream(), StandardCharsets.UTF_8)) {
            type(typed, node, log, "warm", 300);
            long before = liveHeapBytes(node);
            type(typed, node, log, "many", 3_000);
            long after = liveHeapBytes(node);
            assertTrue(after - before < 8L << 20, "3,000 commands left " + (after - before) / 1024 + " KiB on the heap ("
                    + before / 1024 + " KiB before, " + after / 1024 + " KiB after)");
            typed.write("stop 0\n");
        }
        assertTrue(node.waitFor(60, TimeUnit.SECONDS), "stop 0 ends the node");
        assertEquals(0, node.exitValue(), read(log));
    }

    /** Types {@code count} echo commands into the node's shell and waits until the last one answered. */
    private static void type(java.io.Writer typed, Process node, Path log, String tag, int count) throws Exception {
        for (int i = 1; i <= count; i++) {
            typed.write("echo " + tag + "-" + i + "\n");
        }
        typed.flush();
        String last = tag + "-" + count;
        awaitLog(node, log, l -> l.endsWith(last), "the answer to the last echo");
    }

    /** The node's live heap, after the full collection that jcmd's class histogram runs first. */
    private static long liveHeapBytes(Process node) throws Exception {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process histogram = new ProcessBuilder(jcmd.toString(), Long.toString(node.pid()), "GC.class_histogram").redirectErrorStream(true).start();
        String text = new String(histogram.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(histogram.waitFor(60, TimeUnit.SECONDS), "jcmd ended");
        for (String line : text.split("\n")) {
            if (line.startsWith("Total")) {
                String[] parts = line.trim().split("\\s+");
                return Long.parseLong(parts[parts.length - 1]);
            }
        }
        throw new AssertionError("no Total in the class histogram:\n" + text);
    }

    private Process start(List<String> args) throws IOException {
        return start(Map.of(), args);
    }

    private Process start(Map<String, String> env, List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of(LAUNCHER.toString()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(work.resolve("node.log").toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("CULVERT_JAVA_OPTS", "-Dculvert.work=" + work.resolve("node"));
        builder.environment().putAll(env);
        Process p = builder.start();
        started.add(p);
        return p;
    }

    private static void signal(Process p, String name) throws Exception {
        Process kill = new ProcessBuilder("kill", "-s", name, Long.toString(p.pid())).inheritIO().start();
        assertTrue(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0, "kill -s " + name + " " + p.pid());
    }

    private static void awaitLog(Process p, Path log, Predicate<String> line, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (read(log).lines().anyMatch(line)) {
                return;
            }
            if (!p.isAlive()) {
                throw new AssertionError(what + ": the node exited (" + p.exitValue() + ") first:\n" + read(log));
            }
            Thread.sleep(50);
        }
        throw new AssertionError(what + ": not in the log within 60 s:\n" + read(log));
    }

    private static String read(Path log) throws IOException {
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }

    private Result run(Map<String, String> env, List<String> args) throws Exception {
        List<String> command = new ArrayList<>(List.of(LAUNCHER.toString()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("CULVERT_JAVA_OPTS", "-Dculvert.work=" + work.resolve("node"));
        if (env.containsKey("PATH")) {
            builder.environment().remove("JAVA_HOME"); // the case is about finding one
        } else {
            builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        }
        builder.environment().putAll(env);
        Process p = builder.start();
        started.add(p);
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "bin/culvert " + args + " ended");
        return new Result(p.exitValue(), output);
    }

    private static List<String> bundleJars() throws IOException {
        List<String> jars = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(DIST.resolve("bundle"), "*.jar")) {
            dir.forEach(j -> jars.add(j.getFileName().toString()));
        }
        return jars;
    }

    private record Result(int exit, String output) {
    }
}

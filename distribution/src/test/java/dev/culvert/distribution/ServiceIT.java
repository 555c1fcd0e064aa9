package dev.culvert.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.core.io.nativeio.NotifyReceiver;
import dev.culvert.testing.netns.NetnsHarness;
import dev.culvert.testing.netns.NetnsHarness.NodeProcess;
import dev.culvert.testing.netns.Prerequisites;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Culvert as a service, in network namespaces with a stock OpenVPN 2.6 client: the node started
 * the way systemd/culvert@.service starts it (an unprivileged user holding CAP_NET_ADMIN and
 * CAP_NET_BIND_SERVICE as ambient capabilities, its own work directory, the configuration named
 * relative to the working directory), reloaded with SIGHUP as the unit's ExecReload does; and
 * {@code daemon} with {@code writepid}.
 */
class ServiceIT {
    static final Path DIST = Path.of(System.getProperty("culvert.dist", "target/culvert")).toAbsolutePath();
    static NetnsHarness net;
    static String serverNs;
    static String clientNs;
    static InteropPki pki;
    static Path work;
    /** Daemons this class started: they are no child of the test, so the harness cannot stop them. */
    private final List<Long> daemons = new ArrayList<>();

    @BeforeAll
    static void network() throws Exception {
        Prerequisites.require();
        InteropSupport.requireOpenvpn();
        net = NetnsHarness.open();
        serverNs = net.namespace("svc-srv");
        clientNs = net.namespace("svc-cli");
        net.veth(serverNs, "ul0", "192.0.2.1/30", clientNs, "ul0", "192.0.2.2/30");
        work = Files.createTempDirectory("culvert-service");
        pki = InteropPki.create(work);
    }

    @AfterAll
    static void cleanUp() throws IOException {
        InteropSupport.cleanUp(net, work);
    }

    @AfterEach
    void stopDaemons() throws Exception {
        for (long pid : daemons) {
            Optional<ProcessHandle> p = ProcessHandle.of(pid);
            if (p.isPresent()) {
                p.get().destroy();
                p.get().onExit().get(30, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void asTheUnitRunsItAnUnprivilegedUserWithAmbientCapabilitiesServesAClientAndReloadsOnHup() throws Exception {
        // What the unit's StateDirectory and WorkingDirectory give the culvert user: a work
        // directory of its own, and a configuration directory it may read.
        Path etc = Files.createDirectories(work.resolve("etc"));
        Path state = Files.createDirectories(work.resolve("state"));
        for (String f : List.of("ca.crt", "server.crt", "server.key", "tc.key")) {
            Files.copy(pki.file(f), etc.resolve(f));
        }
        Path conf = serverConf(etc.resolve("server.conf"), 1501, List.of("ca ca.crt", "cert server.crt", "key server.key",
                "tls-crypt tc.key"));
        chownToNobody(work);
        Path socket = work.resolve("notify");
        NotifyReceiver systemd = NotifyReceiver.bind(socket);
        List<String> command = new ArrayList<>(deviceOpenToAll());
        command.addAll(List.of("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups",
                "--inh-caps=+net_admin,+net_bind_service", "--ambient-caps=+net_admin,+net_bind_service", "--",
                "sh", "-c", "cd '" + etc + "' && exec '" + DIST.resolve("bin/culvert") + "' --no-shell --config server.conf"));
        NodeProcess server = net.startProgram(serverNs, "culvert-unit", Map.of("JAVA_HOME", System.getProperty("java.home"),
                "CULVERT_WORK", state.toString(), "NOTIFY_SOCKET", socket.toString()), command.toArray(String[]::new));
        ServerInteropIT.awaitLine(server::lines, server.process()::isAlive, server.label(),
                l -> l.contains("Initialization Sequence Completed"), 90);
        assertEquals("nobody", ProcessHandle.of(server.process().pid()).flatMap(h -> h.info().user()).orElse("?"),
                "the node runs as the unprivileged user");
        NodeProcess client = startClient(1501);
        SignalsIT.awaitCount(client, l -> l.contains("Initialization Sequence Completed"), 1, "the first tunnel");
        ping("10.8.0.1");

        // systemctl reload: ExecReload=/bin/kill -HUP $MAINPID, with a changed configuration.
        Files.write(conf, List.of("push \"route 10.77.0.0 255.255.0.0\""), java.nio.file.StandardOpenOption.APPEND);
        SignalsIT.signal(server, "HUP");
        SignalsIT.awaitCount(client, l -> l.contains("Initialization Sequence Completed"), 2, "the client is back after HUP");
        systemd.await(d -> d.startsWith("RELOADING=1"), 10);
        assertTrue(client.lines().stream().anyMatch(l -> l.contains("PUSH_REPLY") && l.contains("route 10.77.0.0 255.255.0.0")),
                "the reloaded configuration reached the client:\n" + String.join("\n", client.lines()));
        ping("10.8.0.1");

        SignalsIT.signal(server, "TERM");
        assertTrue(server.process().waitFor(60, TimeUnit.SECONDS), "TERM stops the node");
        assertEquals(0, server.process().exitValue(), "systemd counts the stop as success:\n" + String.join("\n", server.lines()));
        // Type=notify: started, reloading, started again, stopping, in that order.
        List<String> states = systemd.all().stream().map(d -> d.lines().findFirst().orElse("")).toList();
        systemd.close();
        assertEquals(List.of("READY=1", "RELOADING=1", "READY=1", "STOPPING=1"), states);
        assertFalse(server.lines().stream().anyMatch(l -> l.contains("Exception")), String.join("\n", server.lines()));
        SignalsIT.stop(client);
    }

    @Test
    void daemonReturnsOnceTheNodeRunsItsPidFileNamesItAndTermRemovesTheFile() throws Exception {
        Path pidFile = work.resolve("daemon.pid");
        Path conf = serverConf(work.resolve("daemon.conf"), 1502, List.of("ca " + pki.file("ca.crt"),
                "cert " + pki.file("server.crt"), "key " + pki.file("server.key"), "tls-crypt " + pki.file("tc.key"),
                "daemon", "writepid " + pidFile));
        NodeProcess launcher = net.startProgram(serverNs, "culvert-daemon", Map.of("JAVA_HOME", System.getProperty("java.home"),
                "CULVERT_WORK", work.resolve("daemon-work").toString()), DIST.resolve("bin/culvert").toString(), "--config",
                conf.toString());
        assertTrue(launcher.process().waitFor(120, TimeUnit.SECONDS), "the launcher returns");
        assertEquals(0, launcher.process().exitValue(), String.join("\n", launcher.lines()));
        long pid = Long.parseLong(Files.readString(pidFile).strip());
        daemons.add(pid);
        ProcessHandle node = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("the pid file names no running process"));
        assertTrue(node.info().command().orElse("").endsWith("/java"), "the pid is the node's JVM: " + node.info());
        assertTrue(launcher.lines().stream().anyMatch(l -> l.contains("running in the background as pid " + pid)),
                String.join("\n", launcher.lines()));

        NodeProcess client = startClient(1502);
        SignalsIT.awaitCount(client, l -> l.contains("Initialization Sequence Completed"), 1, "a client of the daemon");
        ping("10.8.0.1");
        SignalsIT.stop(client);

        node.destroy(); // SIGTERM
        node.onExit().get(60, TimeUnit.SECONDS);
        assertFalse(Files.exists(pidFile), "a clean stop removes the pid file");
    }

    @Test
    void aDaemonThatCannotStartMakesTheLauncherExitWithItsCodeAndMessage() throws Exception {
        Path conf = serverConf(work.resolve("broken.conf"), 1503, List.of("ca " + pki.file("ca.crt"),
                "cert " + pki.file("server.crt"), "key " + pki.file("server.key"), "daemon", "frobnicate yes"));
        NodeProcess launcher = net.startProgram(serverNs, "culvert-broken", Map.of("JAVA_HOME", System.getProperty("java.home"),
                "CULVERT_WORK", work.resolve("broken-work").toString()), DIST.resolve("bin/culvert").toString(), "--config",
                conf.toString());
        assertTrue(launcher.process().waitFor(120, TimeUnit.SECONDS), "the launcher returns");
        String log = String.join("\n", launcher.lines());
        assertEquals(2, launcher.process().exitValue(), log);
        assertTrue(log.contains("broken.conf:") && log.contains("unknown directive 'frobnicate'"), "the child's reason reaches the operator:\n" + log);
        assertFalse(log.contains("running in the background"), log);
    }

    private static Path serverConf(Path file, int port, List<String> keys) throws IOException {
        List<String> lines = new ArrayList<>(List.of("port " + port, "proto udp", "dev tun", "topology subnet",
                "server 10.8.0.0 255.255.255.0", "dh none", "keepalive 2 20", "explicit-exit-notify 1", "verb 3"));
        lines.addAll(keys);
        Files.write(file, lines);
        return file;
    }

    private static NodeProcess startClient(int port) throws IOException {
        return InteropSupport.stockClient(net, clientNs, work, pki, "192.0.2.1", port);
    }

    private static void ping(String address) throws IOException {
        net.exec(clientNs, "ping", "-c", "10", "-i", "0.5", "-W", "2", address);
    }

    /**
     * The unit's user opens /dev/net/tun, which udev makes mode 0666 on Debian and Fedora. Where it
     * is not (a container's /dev), the node runs in a mount namespace of its own with a 0666 node
     * of the same device over it, so the host's device is left as it is. Every step execs, so
     * the process the test holds is the node's JVM.
     */
    private static List<String> deviceOpenToAll() throws IOException {
        var mode = Files.getPosixFilePermissions(Path.of("/dev/net/tun"));
        if (mode.contains(java.nio.file.attribute.PosixFilePermission.OTHERS_READ)
                && mode.contains(java.nio.file.attribute.PosixFilePermission.OTHERS_WRITE)) {
            return List.of();
        }
        Path dev = Files.createDirectories(work.resolve("dev"));
        return List.of("unshare", "--mount", "sh", "-c", "mount -t tmpfs -o mode=755 cvt-dev '" + dev + "' && mknod -m 666 '" + dev
                + "/tun' c 10 200 && mount --bind '" + dev + "/tun' /dev/net/tun && exec \"$0\" \"$@\"");
    }

    private static void chownToNobody(Path dir) throws Exception {
        Process chown = new ProcessBuilder("chown", "-R", "nobody:nogroup", dir.toString()).inheritIO().start();
        assertTrue(chown.waitFor(30, TimeUnit.SECONDS) && chown.exitValue() == 0, "chown " + dir);
        Process chmod = new ProcessBuilder("chmod", "755", dir.toString()).inheritIO().start();
        assertTrue(chmod.waitFor(30, TimeUnit.SECONDS) && chmod.exitValue() == 0, "chmod " + dir);
    }
}

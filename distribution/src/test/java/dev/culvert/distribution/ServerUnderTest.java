package dev.culvert.distribution;

import dev.culvert.testing.netns.NetnsHarness;
import dev.culvert.testing.netns.NetnsHarness.NodeProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The OpenVPN server a {@link ServerInteropIT} run talks to, chosen with the system property
 * {@code culvert.it.server}: {@code culvert} (the default) runs the assembled
 * {@code bin/culvert --config server.conf}; {@code openvpn} runs stock OpenVPN 2.6 from the same
 * file, so that the test itself can be checked against the reference implementation.
 *
 * <p>Stock OpenVPN has one listener per daemon, so for each Culvert-only
 * {@code culvert-listen PROTO [ADDRESS] PORT} line it starts one more daemon with its own pool
 * ({@code server} subnet shifted by 1 in the second octet, and routes pushed both ways, the
 * namespace forwarding between its TUN devices). What it cannot copy: one shared pool.
 */
interface ServerUnderTest {

    /** The server the system property names. */
    static ServerUnderTest chosen() {
        String name = System.getProperty("culvert.it.server", "culvert");
        return switch (name) {
            case "culvert" -> new Culvert();
            case "openvpn" -> new Stock();
            default -> throw new IllegalArgumentException("culvert.it.server is culvert or openvpn, not " + name);
        };
    }

    String name();

    /** Starts the server from {@code conf} in {@code ns}; returns once it logged Initialization Sequence Completed. */
    Running start(NetnsHarness net, String ns, String label, Path conf, Path work) throws Exception;

    /** Whether a server log line says that the client {@code cn} has connected. */
    boolean saysConnected(String line, String cn);

    /** Whether a server log line says that the client {@code cn} is gone for {@code reason} (ping-restart, exit-notify). */
    boolean saysDisconnected(String line, String cn, String reason);

    /** Whether {@code line} is the server refusing {@code cn}'s certificate as revoked by its CRL. */
    boolean saysRevoked(String line, String cn);

    /** A started server: its processes (more than one only for stock OpenVPN with extra listeners) and status files. */
    record Running(List<NodeProcess> processes, List<Path> statusFiles) {
        List<String> lines() throws IOException {
            List<String> all = new ArrayList<>();
            for (NodeProcess p : processes) {
                all.addAll(p.lines());
            }
            return all;
        }

        boolean alive() {
            return processes.stream().allMatch(p -> p.process().isAlive());
        }

        void stop() throws InterruptedException {
            for (NodeProcess p : processes) {
                p.process().destroy();
            }
            for (NodeProcess p : processes) {
                if (!p.process().waitFor(10, TimeUnit.SECONDS)) {
                    p.process().destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            }
        }
    }

    /** The assembled distribution's launcher, as an operator runs it. */
    final class Culvert implements ServerUnderTest {
        @Override
        public String name() {
            return "culvert";
        }

        @Override
        public Running start(NetnsHarness net, String ns, String label, Path conf, Path work) throws Exception {
            Path launcher = Path.of(System.getProperty("culvert.dist", "target/culvert")).toAbsolutePath().resolve("bin/culvert");
            NodeProcess p = net.startProgram(ns, "culvert-" + label,
                    Map.of("JAVA_HOME", System.getProperty("java.home"),
                            "CULVERT_JAVA_OPTS", "-Dculvert.work=" + work.resolve("node-" + label)),
                    launcher.toString(), "--config", conf.toString(), "--no-shell");
            List<String> lines = Files.readAllLines(conf);
            Running running = new Running(List.of(p), statusFiles(lines, List.of()));
            if (lines.stream().map(String::trim).filter(l -> l.startsWith("verb ")).reduce((a, b) -> b).orElse("").equals("verb 0")) {
                // verb 0 logs nothing but errors, as 2.6's: the status file, written once the node runs, says it is up.
                ServerInteropIT.awaitLine(() -> running.statusFiles().stream().filter(Files::exists).map(Path::toString).toList(),
                        running::alive, p.label() + " (its status file)", l -> true, 60);
                return running;
            }
            ServerInteropIT.awaitLine(running::lines, running::alive, p.label(),
                    l -> l.contains("Initialization Sequence Completed"), 60);
            return running;
        }

        @Override
        public boolean saysConnected(String line, String cn) {
            return line.contains(" client " + cn + " (") && line.contains(") connected as ");
        }

        @Override
        public boolean saysDisconnected(String line, String cn, String reason) {
            return line.contains(" client " + cn + " (") && line.contains(") disconnected: ") && line.contains(reason);
        }

        @Override
        public boolean saysRevoked(String line, String cn) {
            return line.contains("peer certificate refused (vpn.cert.revoked)") && line.contains("CN=" + cn + " ");
        }
    }

    /** Stock OpenVPN 2.6, one daemon per listener. */
    final class Stock implements ServerUnderTest {
        @Override
        public String name() {
            return "openvpn";
        }

        @Override
        public Running start(NetnsHarness net, String ns, String label, Path conf, Path work) throws Exception {
            List<String> lines = Files.readAllLines(conf);
            List<String> extraListeners = lines.stream().filter(l -> l.startsWith("culvert-listen ")).toList();
            List<String> base = lines.stream().filter(l -> !l.startsWith("culvert-")).toList();
            String[] server = base.stream().filter(l -> l.startsWith("server ")).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("the stock stand-in needs a 'server' line")).split(" ");
            List<String> subnets = new ArrayList<>(List.of(server[1]));
            for (int k = 1; k <= extraListeners.size(); k++) {
                String[] octets = server[1].split("\\.");
                subnets.add(octets[0] + "." + (Integer.parseInt(octets[1]) + k) + "." + octets[2] + "." + octets[3]);
            }
            if (!extraListeners.isEmpty()) {
                net.exec(ns, "sysctl", "-q", "-w", "net.ipv4.ip_forward=1");
            }
            List<NodeProcess> processes = new ArrayList<>();
            List<Path> statusFiles = new ArrayList<>();
            for (int k = 0; k <= extraListeners.size(); k++) {
                List<String> daemon = new ArrayList<>();
                String suffix = k == 0 ? "" : "." + k;
                for (String line : base) {
                    if (k > 0 && (line.startsWith("proto ") || line.startsWith("port ") || line.startsWith("local "))) {
                        continue;
                    }
                    if (line.startsWith("server ")) {
                        daemon.add("server " + subnets.get(k) + " " + server[2]);
                    } else if (line.startsWith("status ") || line.startsWith("ifconfig-pool-persist ")) {
                        String[] words = line.split(" ");
                        words[1] = words[1] + suffix;
                        daemon.add(String.join(" ", words));
                    } else {
                        daemon.add(line);
                    }
                }
                if (k > 0) {
                    String[] listen = extraListeners.get(k - 1).split(" ");
                    daemon.add("proto " + listen[1]);
                    daemon.add("port " + listen[listen.length - 1]);
                    if (listen.length == 4) {
                        daemon.add("local " + listen[2]);
                    }
                }
                for (int other = 0; other < subnets.size(); other++) {
                    if (other != k) {
                        daemon.add("push \"route " + subnets.get(other) + " " + server[2] + "\"");
                    }
                }
                Path daemonConf = conf.resolveSibling(conf.getFileName() + ".stock" + suffix);
                Files.write(daemonConf, daemon);
                processes.add(net.startProgram(ns, "openvpn-" + label + suffix, Map.of(), "openvpn", "--config", daemonConf.toString()));
                statusFiles.addAll(statusFiles(daemon, List.of()));
            }
            Running running = new Running(List.copyOf(processes), List.copyOf(statusFiles));
            for (NodeProcess p : processes) {
                ServerInteropIT.awaitLine(p::lines, p.process()::isAlive, p.label(),
                        l -> l.contains("Initialization Sequence Completed"), 30);
            }
            return running;
        }

        @Override
        public boolean saysConnected(String line, String cn) {
            return line.contains("[" + cn + "] Peer Connection Initiated");
        }

        @Override
        public boolean saysDisconnected(String line, String cn, String reason) {
            String stockReason = switch (reason) {
                case "exit-notify" -> "exit message received"; // CC-EEN, the 2.6 exit over the control channel
                case "ping-restart" -> "Inactivity timeout (--ping-restart)";
                default -> reason;
            };
            return line.contains(cn + "/") && line.contains(stockReason);
        }

        @Override
        public boolean saysRevoked(String line, String cn) {
            return line.contains("VERIFY ERROR") && line.contains("certificate revoked") && line.contains("CN=" + cn);
        }
    }

    private static List<Path> statusFiles(List<String> conf, List<Path> into) {
        List<Path> files = new ArrayList<>(into);
        conf.stream().filter(l -> l.startsWith("status ")).forEach(l -> files.add(Path.of(l.split(" ")[1])));
        return files;
    }
}

package dev.culvert.distribution;


import dev.culvert.testing.netns.NetnsHarness;
import dev.culvert.testing.netns.NetnsHarness.NodeProcess;
import dev.culvert.testing.netns.Prerequisites;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Culvert servers run as an operator runs them ({@code bin/culvert --config server.conf} in a
 * namespace) and stock OpenVPN 2.6 clients (or Culvert clients) in another, joined by a veth: the configurations and
 * the processes (SignalsIT has the signals and the bounded waits on their logs).
 */
final class LaunchedNodes {
    static final String SERVER_ADDRESS = "192.0.2.1";

    private final NetnsHarness net;
    private final String serverNs;
    private final String clientNs;
    private final InteropPki pki;
    private final Path work;
    private int runs;

    private LaunchedNodes(NetnsHarness net, String serverNs, String clientNs, InteropPki pki, Path work) {
        this.net = net;
        this.serverNs = serverNs;
        this.clientNs = clientNs;
        this.pki = pki;
        this.work = work;
    }

    /**
     * A server namespace and a client namespace joined by a veth (the server at
     * {@link #SERVER_ADDRESS}), a work directory and a PKI in it. Root, namespaces and stock
     * openvpn are required: without them the calling test is skipped, or fails under CI=true.
     */
    static LaunchedNodes open(String tag) throws Exception {
        Prerequisites.require();
        InteropSupport.requireOpenvpn();
        NetnsHarness net = NetnsHarness.open();
        Path work = null;
        try {
            String serverNs = net.namespace(tag + "-srv");
            String clientNs = net.namespace(tag + "-cli");
            net.veth(serverNs, "ul0", SERVER_ADDRESS + "/30", clientNs, "ul0", "192.0.2.2/30");
            work = Files.createTempDirectory("culvert-" + tag);
            return new LaunchedNodes(net, serverNs, clientNs, InteropPki.create(work), work);
        } catch (Exception | AssertionError e) {
            InteropSupport.cleanUp(net, work);
            throw e;
        }
    }

    NetnsHarness net() {
        return net;
    }

    String serverNs() {
        return serverNs;
    }

    String clientNs() {
        return clientNs;
    }

    /** Stops what runs in the namespaces, removes them and the work directory. */
    void close() throws IOException {
        InteropSupport.cleanUp(net, work);
    }

    /**
     * A subnet server on UDP {@code port} with tls-crypt; each of {@code extra} replaces the lines
     * of its directive ({@code dev tun0}, {@code server 10.9.0.0 255.255.255.0}) or is added. The
     * file is named after the port and {@code tag}.
     */
    Path serverConf(int port, String tag, List<String> extra) throws IOException {
        List<String> lines = new ArrayList<>(List.of("port " + port, "proto udp", "dev tun", "topology subnet",
                "server 10.8.0.0 255.255.255.0", "ca " + pki.file("ca.crt"), "cert " + pki.file("server.crt"),
                "key " + pki.file("server.key"), "dh none", "tls-crypt " + pki.file("tc.key"),
                "keepalive 2 20", "explicit-exit-notify 1", "verb 3"));
        for (String line : extra) {
            String directive = line.split(" ")[0];
            lines.removeIf(l -> l.split(" ")[0].equals(directive));
        }
        lines.addAll(extra);
        Path conf = work.resolve("server-" + port + tag + ".conf");
        Files.write(conf, lines);
        return conf;
    }

    /** Starts a server and waits (60 s at most) for Initialization Sequence Completed. */
    NodeProcess startServer(Path conf, String label) throws Exception {
        NodeProcess p = startServerProcess(conf, label);
        ServerInteropIT.awaitLine(p::lines, p.process()::isAlive, p.label(), l -> l.contains("Initialization Sequence Completed"), 60);
        return p;
    }

    /** Starts a server without waiting; each run has a work directory of its own. */
    NodeProcess startServerProcess(Path conf, String label) throws IOException {
        return launch(serverNs, conf, label, "--no-shell");
    }

    /**
     * Starts {@code bin/culvert --config conf --shell} in {@code ns} without waiting: its Gogo shell
     * reads the process's standard input ({@link GogoConsole} types into it).
     */
    NodeProcess startWithShell(String ns, Path conf, String label) throws IOException {
        return launch(ns, conf, label, "--shell", distribution());
    }

    /** As {@link #startWithShell(String, Path, String)}, from the distribution unpacked at {@code home} (a copy an operator changed). */
    NodeProcess startWithShell(String ns, Path conf, String label, Path home) throws IOException {
        return launch(ns, conf, label, "--shell", home);
    }

    /** The distribution the build made ({@code culvert.dist}, else target/culvert). */
    static Path distribution() {
        return Path.of(System.getProperty("culvert.dist", "target/culvert")).toAbsolutePath();
    }

    /** The work directory the PKI and configurations are in; removed by {@link #close}. */
    Path work() {
        return work;
    }

    private NodeProcess launch(String ns, Path conf, String label, String shellFlag) throws IOException {
        return launch(ns, conf, label, shellFlag, distribution());
    }

    private NodeProcess launch(String ns, Path conf, String label, String shellFlag, Path home) throws IOException {
        int run = ++runs;
        Path launcher = home.resolve("bin/culvert");
        return net.startProgram(ns, "culvert-" + label + "-" + run,
                Map.of("JAVA_HOME", System.getProperty("java.home"), "CULVERT_JAVA_OPTS", "-Dculvert.work=" + work.resolve("node-" + run)),
                launcher.toString(), "--config", conf.toString(), shellFlag);
    }

    /** A Culvert client of the server on UDP {@code port}, with the PKI's client certificate and tls-crypt key; {@code extra} lines added. */
    Path culvertClientConf(int port, List<String> extra) throws IOException {
        List<String> lines = new ArrayList<>(List.of("client", "dev tun", "proto udp", "remote " + SERVER_ADDRESS + " " + port, "nobind",
                "ca " + pki.file("ca.crt"), "cert " + pki.file("client.crt"), "key " + pki.file("client.key"),
                "remote-cert-tls server", "tls-crypt " + pki.file("tc.key"), "verb 3"));
        lines.addAll(extra);
        Path conf = work.resolve("culvert-client-" + port + ".conf");
        Files.write(conf, lines);
        return conf;
    }

    /** A stock client of the server on UDP {@code port}. */
    NodeProcess startClient(int port) throws IOException {
        return InteropSupport.stockClient(net, clientNs, work, pki, SERVER_ADDRESS, port);
    }

    /** Pings {@code address} from the client's namespace; any reply within 5 s passes. */
    void ping(String address) throws IOException {
        try {
            // Any reply within 5 s: the first packets after a restart may meet a device that is still coming up.
            net.exec(clientNs, "ping", "-c", "10", "-i", "0.5", "-W", "2", address);
        } catch (IOException e) {
            throw new IOException(e.getMessage() + "\nthe server's devices:\n" + net.exec(serverNs, "ip", "-d", "addr")
                    + "\nits routes:\n" + net.exec(serverNs, "ip", "route"), e);
        }
    }
}

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
 * The bench most interop tests stand on: stock OpenVPN's namespace (192.0.2.1) and Culvert's
 * (192.0.2.2) joined by one veth pair, and a work directory holding a test PKI. Opening it checks
 * the prerequisites (root, {@code ip netns}, {@code openvpn}; with CI=true a missing one fails);
 * closing it removes the namespaces, what runs in them, and the directory, also after a failure.
 */
record InteropLab(NetnsHarness net, String stockNs, String culvertNs, Path work, InteropPki pki) implements AutoCloseable {
    static final String STOCK_ADDRESS = "192.0.2.1";
    static final String CULVERT_ADDRESS = "192.0.2.2";

    /** Namespaces {@code ovpn-NAME} and {@code NAME}, and a directory {@code culvert-NAME…}. */
    static InteropLab open(String name) throws Exception {
        Prerequisites.require();
        InteropSupport.requireOpenvpn();
        NetnsHarness net = NetnsHarness.open();
        Path work = null;
        try {
            String stock = net.namespace("ovpn-" + name);
            String culvert = net.namespace(name);
            net.veth(stock, "ul0", STOCK_ADDRESS + "/30", culvert, "ul0", CULVERT_ADDRESS + "/30");
            work = Files.createTempDirectory("culvert-" + name);
            return new InteropLab(net, stock, culvert, work, InteropPki.create(work));
        } catch (Exception | Error e) {
            InteropSupport.cleanUp(net, work);
            throw e;
        }
    }

    /**
     * A second stock namespace {@code name} (192.0.2.5) joined to Culvert's (192.0.2.6 on its
     * {@code ul1}), for a second stock client that must not share the first one's namespace.
     */
    String secondStockNs(String name) throws IOException {
        String ns = net.namespace(name);
        net.veth(ns, "ul0", SECOND_STOCK_ADDRESS + "/30", culvertNs, "ul1", SECOND_CULVERT_ADDRESS + "/30");
        return ns;
    }

    static final String SECOND_STOCK_ADDRESS = "192.0.2.5";
    static final String SECOND_CULVERT_ADDRESS = "192.0.2.6";

    /**
     * Writes {@code NAME.conf} in the work directory: what both sides of these tests share (dev tun,
     * the CA, tls-crypt, keepalive 2 10, verb 3), then {@code own}.
     */
    Path config(String name, java.util.List<String> own) throws IOException {
        java.util.List<String> lines = new java.util.ArrayList<>(java.util.List.of("dev tun", "ca " + pki.file("ca.crt"),
                "tls-crypt " + pki.file("tc.key"), "keepalive 2 10", "verb 3"));
        lines.addAll(own);
        Path conf = work.resolve(name + ".conf");
        Files.writeString(conf, String.join("\n", lines) + "\n");
        return conf;
    }

    /** A UDP server's lines on {@code port} for the subnet {@code network}/24, with the lab's server certificate, then {@code more}. */
    List<String> server(int port, String network, String... more) {
        List<String> lines = new ArrayList<>(List.of("proto udp", "port " + port, "server " + network + " 255.255.255.0", "topology subnet",
                "dh none", "cert " + pki.file("server.crt"), "key " + pki.file("server.key")));
        lines.addAll(List.of(more));
        return lines;
    }

    /** A stock 2.6 client in {@code ns} with the certificate of {@code cn}, of the UDP server at {@code remote port}. */
    NodeProcess stockClient(String label, String ns, String cn, String remote, int port) throws IOException {
        Path conf = config("stock-" + label, List.of("client", "proto udp", "remote " + remote + " " + port, "nobind",
                "cert " + pki.file(cn + ".crt"), "key " + pki.file(cn + ".key"), "remote-cert-tls server"));
        return net.startProgram(ns, "openvpn-" + label, Map.of(), "openvpn", "--config", conf.toString());
    }

    /** Pings {@code address} from {@code ns} {@code count} times, 0.2 s apart; fails unless every echo came back. */
    void ping(String ns, String address, int count) throws IOException {
        String out = net.exec(ns, "ping", "-c", Integer.toString(count), "-i", "0.2", "-W", "2", address);
        if (!out.contains(count + " packets transmitted, " + count + " received")) {
            throw new AssertionError("ping " + address + " from " + ns + ": " + out);
        }
    }

    @Override
    public void close() throws IOException {
        InteropSupport.cleanUp(net, work);
    }
}

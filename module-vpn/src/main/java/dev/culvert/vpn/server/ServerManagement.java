package dev.culvert.vpn.server;

import dev.culvert.vpn.management.ServerTarget;
import dev.culvert.vpn.status.StatusFile;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * The server as the management interface sees it (multi.c's management callbacks): the status in
 * its three formats, each client's byte counts by client id, {@code kill} by common name or by
 * real address, {@code client-kill} by client id, and {@code load-stats}.
 */
final class ServerManagement implements ServerTarget {
    private final StatusReport report;
    private final ClientLifecycle lifecycle;

    ServerManagement(StatusReport report, ClientLifecycle lifecycle) {
        this.report = report;
        this.lifecycle = lifecycle;
    }

    @Override
    public String title() {
        return StatusFile.defaultTitle();
    }

    @Override
    public List<String> status(int version) {
        return report.render(version).lines().toList();
    }

    @Override
    public List<ClientBytes> clientBytes() {
        List<ClientBytes> out = new ArrayList<>();
        for (ServerClient c : report.connected()) {
            out.add(new ClientBytes(c.clientId, c.bytesIn.sum(), c.bytesOut.sum()));
        }
        return out;
    }

    /** manage.c man_kill: {@code [proto:]IP:port} names a real address, anything else a common name. */
    @Override
    public String kill(String argument) {
        int colon = argument.lastIndexOf(':');
        if (colon < 0) {
            List<ServerClient> named = report.connected().stream().filter(c -> argument.equals(c.commonName)).toList();
            if (named.isEmpty()) {
                return "ERROR: common name '" + argument + "' not found";
            }
            lifecycle.kill(named);
            return "SUCCESS: common name '" + argument + "' found, " + named.size() + " client(s) killed";
        }
        String host = argument.substring(0, colon);
        String proto = null;
        int protoColon = host.indexOf(':');
        if (protoColon > 0 && (host.startsWith("udp:") || host.startsWith("tcp:"))) {
            proto = host.substring(0, protoColon);
            host = host.substring(protoColon + 1);
        }
        String portText = argument.substring(colon + 1);
        int port;
        try {
            port = Integer.parseInt(portText);
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 1 || port > 65535) {
            return "ERROR: port number is out of range: " + portText;
        }
        InetAddress address;
        try {
            address = host.matches("[0-9.]+|[0-9a-fA-F:]+") ? InetAddress.getByName(host) : null;
        } catch (UnknownHostException e) {
            address = null;
        }
        if (address == null) {
            return "ERROR: error parsing IP address: " + host;
        }
        // The JDK gives an IPv4-mapped address as an Inet4Address, so a dual-stack socket's peers compare plainly.
        InetSocketAddress wanted = new InetSocketAddress(address, port);
        String wantedProto = proto;
        List<ServerClient> at = report.connected().stream()
                .filter(c -> wanted.equals(c.realAddress) && (wantedProto == null || wantedProto.equals("tcp") == c.tcp)).toList();
        if (at.isEmpty()) {
            return "ERROR: client at address " + host + ":" + port + " not found";
        }
        lifecycle.kill(at);
        return "SUCCESS: " + at.size() + " client(s) at address " + host + ":" + port + " killed";
    }

    /**
     * manage.c man_client_kill: the client with this id is told {@code message} (2.6's default
     * RESTART, or HALT, with an optional text after a comma) and removed.
     */
    @Override
    public String killClient(long clientId, String message) {
        String told = message == null ? "RESTART" : message;
        if (!told.matches("(RESTART|HALT)(,[\\x20-\\x7e]{0,200})?")) {
            return "ERROR: client-kill: the message must be RESTART or HALT, optionally followed by ',text'";
        }
        List<ServerClient> named = report.connected().stream().filter(c -> c.clientId == clientId).toList();
        if (named.isEmpty()) {
            return "ERROR: client-kill command failed";
        }
        lifecycle.kill(named, told);
        return "SUCCESS: client-kill command succeeded";
    }

    /** The clients connected now and their bytes (2.6 counts the whole process's link bytes since start). */
    @Override
    public LoadStats loadStats() {
        long in = 0;
        long out = 0;
        List<ServerClient> connected = report.connected();
        for (ServerClient c : connected) {
            in += c.bytesIn.sum();
            out += c.bytesOut.sum();
        }
        return new LoadStats(connected.size(), in, out);
    }
}

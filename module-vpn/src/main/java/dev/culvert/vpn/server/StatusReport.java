package dev.culvert.vpn.server;

import dev.culvert.vpn.files.KeptFile;
import dev.culvert.spi.route.Prefix;
import dev.culvert.vpn.preauth.PreAuthGate;
import dev.culvert.vpn.config.IfconfigIpv6;
import dev.culvert.vpn.config.ServerConfig;
import dev.culvert.spi.route.AddressText;
import dev.culvert.vpn.status.ClientStatus;
import dev.culvert.vpn.status.RouteStatus;
import dev.culvert.vpn.session.DataKeySet;
import dev.culvert.vpn.session.DataPlane;
import dev.culvert.vpn.status.StatusFile;
import dev.culvert.vpn.tunnel.KeyOrigin;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the server tells its operator about its clients: the {@code status} file in OpenVPN's
 * format (monitoring scripts written for 2.6 read it unchanged), {@code culvert:sessions}, and the
 * summary in {@code culvert:status}.
 */
final class StatusReport {
    private static final System.Logger LOG = System.getLogger(StatusReport.class.getName());

    private final ServerConfig config;
    private final ClientTable clients;
    private final List<PreAuthGate> gates;
    private final ClientLifecycle lifecycle;
    private final long startedEpochSeconds;

    StatusReport(ServerConfig config, ClientTable clients, List<PreAuthGate> gates, ClientLifecycle lifecycle, long startedEpochSeconds) {
        this.config = config;
        this.clients = clients;
        this.gates = gates;
        this.lifecycle = lifecycle;
        this.startedEpochSeconds = startedEpochSeconds;
    }

    /** Rewrites the status file; a failure is logged, never fatal (the disk may be full for a while). */
    void writeQuietly(KeptFile file) {
        try {
            file.write(render(config.status().version()));
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot write the status file " + file.path() + ": " + e.getMessage());
        }
    }

    /** The status in 2.6's format {@code version}, as the file and the management interface's {@code status} give it. */
    String render(int version) {
        long now = System.currentTimeMillis() / 1000;
        List<ClientStatus> list = new ArrayList<>();
        List<RouteStatus> routes = new ArrayList<>();
        for (ServerClient c : connected()) {
            IfconfigIpv6 v6 = c.ipv6;
            String v6Text = v6 == null ? "" : AddressText.ipv6(v6.address().hi(), v6.address().lo());
            list.add(new ClientStatus(c.commonName, c.realAddress, AddressText.ipv4(c.virtualAddress), v6Text, c.bytesIn.sum(),
                    c.bytesOut.sum(), c.connectedEpochSeconds, c.username == null ? "UNDEF" : c.username, c.clientId, c.index, c.cipher));
            long lastRef = c.lastActivityEpochSeconds;
            routes.add(new RouteStatus(AddressText.ipv4(c.virtualAddress), c.commonName, c.realAddress, lastRef));
            if (v6 != null) {
                routes.add(new RouteStatus(v6Text, c.commonName, c.realAddress, lastRef));
            }
            for (Prefix iroute : c.iroutes) {
                routes.add(new RouteStatus(iroute.toString(), c.commonName, c.realAddress, lastRef));
            }
        }
        return StatusFile.render(version, now, list, routes);
    }

    /** One line per client, for {@code culvert:sessions}. */
    String sessions() {
        List<ServerClient> all = clients.all();
        StringBuilder out = new StringBuilder();
        out.append(String.format("%-5s %-24s %-28s %-16s %-18s %s %-6s %12s %12s %s%n", "id", "common name", "real address",
                "virtual address", "cipher", KeyOrigin.HEADER, "worker", "bytes in", "bytes out", "connected since"));
        int shown = 0;
        for (ServerClient c : all) {
            String state = c.connected ? Instant.ofEpochSecond(c.connectedEpochSeconds).toString() : c.removed ? "(leaving)" : "(connecting)";
            DataPlane data = c.data;
            out.append(String.format("%-5d %-24s %-28s %-16s %-18s %s %-6d %12d %12d %s%n", c.index, c.commonName == null ? "-" : c.commonName,
                    RealAddress.format(c.realAddress) + (c.tcp ? "/tcp" : ""), c.connected ? AddressText.ipv4(c.virtualAddress) : "-",
                    c.cipher.isEmpty() ? "-" : c.cipher, KeyOrigin.of(data == null ? DataKeySet.EMPTY : data.keys()), c.owner, c.bytesIn.sum(), c.bytesOut.sum(), state));
            shown++;
        }
        out.append(shown).append(shown == 1 ? " session\n" : " sessions\n");
        return out.toString();
    }

    /** The server's state and counters, for {@code culvert:status}. */
    String summary() {
        long connected = connected().size();
        StringBuilder out = new StringBuilder();
        out.append("openvpn server: ").append(connected).append(" clients connected (max ").append(clients.capacity())
                .append("), up since ").append(Instant.ofEpochSecond(startedEpochSeconds)).append('\n');
        out.append("  clients: ").append(lifecycle.counters()).append('\n');
        out.append("  certificate refusals: ").append(config.certificateRefusals().snapshot()).append('\n');
        for (int i = 0; i < gates.size(); i++) {
            PreAuthGate g = gates.get(i);
            out.append("  pre-auth gate ").append(i).append(": resets answered ").append(g.resetsAnswered()).append(", cookies verified ")
                    .append(g.cookiesVerified()).append(", new TCP sessions ").append(g.newSessions()).append(", refused ")
                    .append(g.drops().snapshot()).append('\n');
        }
        return out.toString();
    }

    List<ServerClient> connected() {
        List<ServerClient> out = new ArrayList<>();
        for (ServerClient c : clients.all()) {
            if (c.connected && !c.removed) {
                out.add(c);
            }
        }
        return out;
    }
}

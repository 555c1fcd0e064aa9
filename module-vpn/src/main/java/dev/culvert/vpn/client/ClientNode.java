package dev.culvert.vpn.client;

import dev.culvert.core.slot.SlotNames;
import dev.culvert.core.slot.SlotRegistry;
import dev.culvert.core.worker.ControlExecutor;
import dev.culvert.spi.compress.Compressor;
import dev.culvert.spi.node.RunningNode;
import dev.culvert.vpn.auth.UserPassAuth;
import dev.culvert.vpn.config.OnePeerConfig;
import dev.culvert.vpn.session.VpnSession;
import dev.culvert.vpn.tunnel.ControlStrand;
import dev.culvert.vpn.tunnel.FollowedAead;
import dev.culvert.vpn.tunnel.FollowedTls;
import dev.culvert.vpn.tunnel.RuntimeSlots;
import dev.culvert.vpn.tunnel.KeyOrigin;
import dev.culvert.vpn.tunnel.StopSummary;
import dev.culvert.vpn.config.ManagementConfig;
import dev.culvert.vpn.management.StateLine;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * An OpenVPN client on real devices, put together from three parts: the {@link ClientDataPath}
 * (TUN device, transport, data-plane worker), the {@link ReconnectSupervisor} (the session and
 * its timers on a control strand, reconnecting as 2.6 does) and the {@link PushedCompression}
 * (the data channel's framing, as the server pushes it). Control work runs on a
 * {@link ControlExecutor}, never on the worker.
 */
public final class ClientNode implements RunningNode {
    /** Control tasks the session may have queued: control packets from the server, timers, events. */
    private static final int CONTROL_BACKLOG = 1_024;

    private final ControlExecutor control = ControlExecutor.withDefaults();
    private final ReconnectSupervisor supervisor;
    private final ClientDataPath path;
    private final OnePeerConfig config;
    /** The tls and aead slots as the sessions see them: swaps reach the running session through these. */
    private final FollowedTls tls;
    private final FollowedAead aead;
    /** A peer without {@code remote}'s check of strangers' control packets; null otherwise. */
    private final FirstPeerGate strangers;
    /** The management interface ({@code management}), or one that does nothing. */
    private final ClientManagement management;
    private volatile boolean closing;

    private ClientNode(OnePeerConfig config, List<String> compressionLines, boolean floats, SlotRegistry registry, FollowedTls tls,
                       FollowedAead aead, UserPassAuth auth, ClientManagement management) {
        this.management = management;
        PushedCompression compression = new PushedCompression(compressionLines, registry.slot(SlotNames.COMPRESS, Compressor.class));
        ControlStrand strand = new ControlStrand(control, "vpn client", CONTROL_BACKLOG);
        this.config = config;
        this.tls = tls;
        this.aead = aead;
        supervisor = new ReconnectSupervisor(config, tls, aead, compression, control, strand, auth, management);
        // A peer without 'remote' floats as 2.6 does: it goes wherever the authentic peer's packets come from.
        boolean learns = config.remoteHost() == null;
        strangers = learns ? new FirstPeerGate(config.wrapFactory()) : null;
        ClientPeer peer = new ClientPeer(strand, supervisor::session, supervisor::reschedule, this::peerHandle,
                floats || learns ? this::floatTo : null, learns ? this::learn : null, strangers);
        path = new ClientDataPath(config, registry, compression, peer, peer);
        management.attach(supervisor, path, auth);
    }

    private int peerHandle() {
        return path.peerHandle();
    }

    private void learn(java.net.InetSocketAddress from) {
        path.learn(from);
    }

    private void floatTo(dev.culvert.core.packet.Packet authentic) {
        path.floatTo(authentic);
    }

    /**
     * Opens the device and the transport, starts the worker, and begins connecting in the
     * background. {@code floats} is the client's {@code float}; {@code compressionLines} are its own {@code allow-compression},
     * {@code compress} and {@code comp-lzo} lines, as written.
     */
    public static ClientNode start(OnePeerConfig config, List<String> compressionLines, boolean floats, SlotRegistry registry)
            throws IOException {
        return start(config, compressionLines, floats, registry, null);
    }

    /**
     * The same for a client with a username and password ({@code auth-user-pass}), already read:
     * {@code auth} (null without) is sent in key method 2 and answers the server's AUTH_FAILED.
     */
    public static ClientNode start(OnePeerConfig config, List<String> compressionLines, boolean floats, SlotRegistry registry,
                                   UserPassAuth auth) throws IOException {
        return start(config, compressionLines, floats, registry, auth, Optional.empty());
    }

    /**
     * The same with the management interface {@code management} names (if any), listening before the
     * device opens, as 2.6's does; with {@code management-query-passwords} it gives the username and
     * password {@code auth} waits for.
     */
    public static ClientNode start(OnePeerConfig config, List<String> compressionLines, boolean floats, SlotRegistry registry,
                                   UserPassAuth auth, Optional<ManagementConfig> management) throws IOException {
        ClientManagement operator = management.isPresent() ? ClientManagement.start(management.get()) : ClientManagement.off();
        FollowedTls tls;
        try {
            tls = RuntimeSlots.followTls(registry);
        } catch (IOException | RuntimeException e) {
            operator.close();
            throw e;
        }
        FollowedAead aead;
        try {
            aead = RuntimeSlots.followAead(registry);
        } catch (IOException e) {
            tls.close();
            operator.close();
            throw e;
        }
        ClientNode node = new ClientNode(config, compressionLines, floats, registry, tls, aead, auth, operator);
        try {
            node.path.open();
        } catch (IOException | RuntimeException e) {
            node.close();
            throw e;
        }
        node.supervisor.start(node.path);
        return node;
    }

    @Override
    public String status() {
        return status(true);
    }

    private String status(boolean idleNodesToo) {
        StringBuilder out = new StringBuilder();
        out.append(config.roleName()).append(": ").append(supervisor.state()).append('\n');
        out.append("  sessions started: ").append(supervisor.sessionsStarted()).append('\n');
        out.append("  certificate refusals: ").append(config.certificateRefusals().snapshot()).append('\n');
        VpnSession s = supervisor.session();
        if (s != null) {
            out.append("  data channel key id: ").append(s.primaryKeyId()).append('\n');
            out.append("  session drops: ").append(s.drops().snapshot()).append('\n');
        }
        path.describe(out, idleNodesToo);
        return out.toString();
    }

    /** The session with the server, with where its current key came from, for {@code culvert:sessions}. */
    @Override
    public String sessions() {
        VpnSession s = supervisor.session();
        StringBuilder out = new StringBuilder(String.format("%-28s %-18s %s %s%n", "server", "cipher", KeyOrigin.HEADER, "state"));
        if (s != null) {
            String peer = supervisor.serverName() != null ? supervisor.serverName()
                    : config.remoteHost() != null ? config.remoteHost() + ":" + config.remotePort() : path.peerText();
            out.append(String.format("%-28s %-18s %s %s%n", peer,
                    s.cipher() == null ? "-" : s.cipher().openvpnName(), KeyOrigin.of(s.dataPlane().keys()), s.state()));
        }
        return out.append(s == null ? "0 sessions\n" : "1 session\n").toString();
    }

    /** Tells the server (explicit-exit-notify), then stops the worker and closes the device and the socket. */
    @Override
    public void close() {
        if (closing) {
            return;
        }
        closing = true;
        // sig.c signal_restart_status: 2.6 tells its management client it exits as the signal comes, and closes the interface last.
        management.state(StateLine.of("EXITING", "SIGTERM"));
        supervisor.close();
        control.close();
        // Counters at exit, so that nothing the node dropped goes unreported.
        StopSummary.log(status(false));
        supervisor.takeBackRoutes(); // route-pre-down first, as 2.6; while the device is there: the routes through it go with it, the others must be taken back
        supervisor.runDownScript();
        path.close();
        if (strangers != null) {
            strangers.close();
        }
        supervisor.dispose();
        tls.close();
        aead.close();
        management.close();
    }
}

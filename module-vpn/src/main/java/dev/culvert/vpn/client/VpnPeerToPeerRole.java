package dev.culvert.vpn.client;

import dev.culvert.core.config.Config;
import dev.culvert.core.slot.SlotRegistry;
import dev.culvert.spi.config.ConfigException;
import dev.culvert.spi.node.NodeRole;
import dev.culvert.spi.node.RunningNode;
import dev.culvert.vpn.config.PeerToPeerConfig;
import dev.culvert.spi.tls.TlsProvider;
import dev.culvert.vpn.tunnel.RuntimeSlots;
import java.io.IOException;
import java.util.Optional;
import java.util.List;
import org.osgi.service.component.annotations.Component;

/**
 * Runs a point-to-point configuration ({@code tls-server} or {@code tls-client} without
 * {@code server}, {@code mode}, {@code client} or {@code pull}) as one peer of a 2.6 p2p tunnel:
 * the client's runtime (one TUN device, one UDP socket, one session kept up), with a session in
 * the configured TLS role that negotiates with its peer instead of pulling.
 */
@Component(service = NodeRole.class, property = {"culvert.name=openvpn-p2p"})
public final class VpnPeerToPeerRole implements NodeRole {
    @Override
    public String name() {
        return "openvpn-p2p";
    }

    @Override
    public boolean accepts(Config config) {
        return PeerToPeerConfig.isPointToPoint(config);
    }

    /** Reads the configuration as {@link #start} does (the PEM and key files included), and drops what it read. */
    @Override
    public void check(Config config, SlotRegistry registry) throws ConfigException {
        read(config, registry);
    }

    /** The configuration, its cipher suites and groups checked against the active TLS module (start fails later without one). */
    private static PeerToPeerConfig read(Config config, SlotRegistry registry) throws ConfigException {
        PeerToPeerConfig peer = PeerToPeerConfig.from(config);
        Optional<TlsProvider> tls = RuntimeSlots.activeTls(registry);
        if (tls.isPresent()) {
            peer.checkTlsModule(tls.get());
        }
        return peer;
    }

    @Override
    public RunningNode start(Config config, SlotRegistry registry) throws ConfigException, IOException {
        return ClientNode.start(read(config, registry), List.of(), config.last("float").isPresent(), registry);
    }
}

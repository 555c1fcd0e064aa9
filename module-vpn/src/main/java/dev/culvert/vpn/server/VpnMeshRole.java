package dev.culvert.vpn.server;

import dev.culvert.core.config.Config;
import dev.culvert.core.slot.SlotRegistry;
import dev.culvert.spi.config.ConfigException;
import dev.culvert.spi.node.NodeRole;
import dev.culvert.spi.node.RunningNode;
import dev.culvert.spi.tls.TlsProvider;
import dev.culvert.vpn.config.MeshConfig;
import dev.culvert.vpn.tunnel.RuntimeSlots;
import java.io.IOException;
import java.util.Optional;
import org.osgi.service.component.annotations.Component;

/**
 * Runs a configuration with {@code culvert-mesh-peer} or {@code culvert-mesh-peers} lines as a
 * full-mesh node ({@link MeshNode}): the same VPN module and kernel as a hub, with the routing
 * module's mesh router and a point-to-point session per peer.
 */
@Component(service = NodeRole.class, property = {"culvert.name=openvpn-mesh"})
public final class VpnMeshRole implements NodeRole {
    @Override
    public String name() {
        return "openvpn-mesh";
    }

    @Override
    public boolean accepts(Config config) {
        return MeshConfig.isMesh(config);
    }

    /** Reads the configuration as {@link #start} does (the PEM and key files, the peers file), and drops what it read. */
    @Override
    public void check(Config config, SlotRegistry registry) throws ConfigException {
        read(config, registry);
    }

    private static MeshConfig read(Config config, SlotRegistry registry) throws ConfigException {
        MeshConfig mesh = MeshConfig.from(config);
        Optional<TlsProvider> tls = RuntimeSlots.activeTls(registry);
        if (tls.isPresent()) {
            mesh.checkTlsModule(tls.get());
        }
        return mesh;
    }

    @Override
    public RunningNode start(Config config, SlotRegistry registry) throws ConfigException, IOException {
        return MeshNode.start(read(config, registry), registry);
    }
}

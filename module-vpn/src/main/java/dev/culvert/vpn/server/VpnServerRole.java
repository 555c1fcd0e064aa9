package dev.culvert.vpn.server;

import dev.culvert.core.config.Config;
import dev.culvert.core.slot.SlotRegistry;
import dev.culvert.spi.compress.CompressionSettings;
import dev.culvert.spi.config.ConfigException;
import dev.culvert.spi.node.NodeRole;
import dev.culvert.spi.node.RunningNode;
import dev.culvert.vpn.config.MeshConfig;
import dev.culvert.vpn.config.ServerConfig;
import dev.culvert.spi.tls.TlsProvider;
import dev.culvert.vpn.tunnel.RuntimeSlots;
import java.io.IOException;
import java.util.Optional;
import org.osgi.service.component.annotations.Component;

/**
 * Runs a configuration that says {@code server NET MASK} or {@code mode server} (without
 * {@code client}/{@code pull}) as a multi-client OpenVPN server; {@code tls-server} alone is a
 * point-to-point peer's ({@link dev.culvert.vpn.client.VpnPeerToPeerRole}).
 */
@Component(service = NodeRole.class, property = {"culvert.name=openvpn-server"})
public final class VpnServerRole implements NodeRole {
    @Override
    public String name() {
        return "openvpn-server";
    }

    @Override
    public boolean accepts(Config config) {
        if (config.has("client") || config.has("pull") || MeshConfig.isMesh(config)) {
            return false;
        }
        // tls-server alone is a point-to-point peer's (openvpn-p2p)
        return config.has("server") || config.has("mode");
    }

    /** Reads the configuration as {@link #start} does (the PEM and key files, compression), and drops what it read. */
    @Override
    public void check(Config config, SlotRegistry registry) throws ConfigException {
        ServerConfig server = ServerConfig.from(config);
        CompressionSettings.from(config);
        Optional<TlsProvider> tls = RuntimeSlots.activeTls(registry);
        if (tls.isPresent()) {
            server.checkTlsModule(tls.get());
        }
    }

    @Override
    public RunningNode start(Config config, SlotRegistry registry) throws ConfigException, IOException {
        ServerConfig server = ServerConfig.from(config);
        Optional<CompressionSettings> compression = CompressionSettings.from(config);
        Optional<TlsProvider> tls = RuntimeSlots.activeTls(registry);
        if (tls.isPresent()) {
            server.checkTlsModule(tls.get());
        }
        return ServerNode.start(server, compression, registry);
    }
}

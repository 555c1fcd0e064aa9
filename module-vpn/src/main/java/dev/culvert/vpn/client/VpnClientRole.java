package dev.culvert.vpn.client;

import dev.culvert.core.config.Config;
import dev.culvert.core.slot.SlotRegistry;
import dev.culvert.spi.config.ConfigException;
import dev.culvert.spi.node.NodeRole;
import dev.culvert.spi.node.RunningNode;
import dev.culvert.vpn.auth.Terminal;
import dev.culvert.vpn.auth.UserPassAuth;
import dev.culvert.vpn.config.ClientConfig;
import dev.culvert.vpn.config.ManagementConfig;
import dev.culvert.spi.tls.TlsProvider;
import dev.culvert.vpn.tunnel.RuntimeSlots;
import java.io.IOException;
import java.util.Optional;
import java.util.List;
import org.osgi.service.component.annotations.Component;

/** Runs a configuration that says {@code client} (or {@code tls-client} with {@code pull}) as an OpenVPN client. */
@Component(service = NodeRole.class, property = {"culvert.name=openvpn-client"})
public final class VpnClientRole implements NodeRole {
    private static final System.Logger LOG = System.getLogger(VpnClientRole.class.getName());

    @Override
    public String name() {
        return "openvpn-client";
    }

    @Override
    public boolean accepts(Config config) {
        // A mesh node's configuration is the mesh role's, which names the lines it refuses.
        return !dev.culvert.vpn.config.MeshConfig.isMesh(config) && (config.has("client") || (config.has("tls-client") && config.has("pull")));
    }

    /** Reads the configuration as {@link #start} does (the PEM and key files included), and drops what it read. */
    @Override
    public void check(Config config, SlotRegistry registry) throws ConfigException {
        read(config, registry);
    }

    /** The configuration, its cipher suites and groups checked against the active TLS module (start fails later without one). */
    private static ClientConfig read(Config config, SlotRegistry registry) throws ConfigException {
        ClientConfig client = ClientConfig.from(config);
        Optional<TlsProvider> tls = RuntimeSlots.activeTls(registry);
        if (tls.isPresent()) {
            client.checkTlsModule(tls.get());
        }
        return client;
    }

    @Override
    public RunningNode start(Config config, SlotRegistry registry) throws ConfigException, IOException {
        List<String> compression = config.directives().stream()
                .filter(d -> d.name().equals("allow-compression") || d.name().equals("compress") || d.name().equals("comp-lzo"))
                .map(d -> String.join(" ", d.name(), String.join(" ", d.args())).trim())
                .toList();
        ClientConfig client = read(config, registry);
        // As 2.6, the username and password are read (or asked) once, at start, before any connection; with
        // management-query-passwords what the file leaves out is asked of the management client before the first one.
        UserPassAuth auth = new UserPassAuth(client.auth(), Terminal.system());
        if (!(client.management().filter(ManagementConfig::queryPasswords).isPresent() && auth.askManagement())) {
            auth.prepare();
        }
        if (client.management().filter(ManagementConfig::clientAuth).isPresent()) {
            LOG.log(System.Logger.Level.INFO, "management-client-auth has no effect on a client: a server asks its management client"
                    + " about connecting clients (2.6 ignores it on a client too)");
        }
        // float: an authentic data packet from another address than the server's moves the client's sending there.
        return ClientNode.start(client, compression, config.last("float").isPresent(), registry, auth, client.management());
    }
}

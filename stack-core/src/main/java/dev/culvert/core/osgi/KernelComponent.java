package dev.culvert.core.osgi;

import dev.culvert.core.config.Config;
import dev.culvert.core.embed.Kernel;
import dev.culvert.core.embed.ModuleBinder;
import dev.culvert.core.embed.Nodes;
import dev.culvert.core.embed.ProcessDirectives;
import dev.culvert.core.io.nativeio.NativeIoException;
import dev.culvert.core.io.nativeio.ServiceManagerNotify;
import dev.culvert.core.io.tun.TunLinkFactory;
import dev.culvert.core.slot.SlotNames;
import dev.culvert.core.slot.SlotRegistry;
import dev.culvert.core.worker.WorkerLoss;
import dev.culvert.spi.aead.AeadProvider;
import dev.culvert.spi.compress.Compressor;
import dev.culvert.spi.config.ConfigException;
import dev.culvert.spi.config.DirectiveHandler;
import dev.culvert.spi.feature.Feature;
import dev.culvert.spi.hook.ClientAuthenticator;
import dev.culvert.spi.hook.ConnectHook;
import dev.culvert.spi.hook.LearnAddressHook;
import dev.culvert.spi.l3.L3Protocol;
import dev.culvert.spi.link.LinkFactory;
import dev.culvert.spi.node.NodeRole;
import dev.culvert.spi.node.RunningNode;
import dev.culvert.spi.route.Router;
import dev.culvert.spi.tls.TlsProvider;
import dev.culvert.spi.transport.TransportFactory;
import dev.culvert.spi.tunnel.TunnelProtocol;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The node's kernel inside OSGi. Every module service of an SPI type is bound into its slot as
 * it arrives and unbound (after in-flight batches leave) as it goes; the name comes from the
 * {@code culvert.name} property, the ranking from {@code service.ranking}.
 */
@Component(immediate = true, service = Kernel.class)
public final class KernelComponent implements Kernel {
    private static final System.Logger LOG = System.getLogger(KernelComponent.class.getName());
    private final SlotRegistry registry = new SlotRegistry();
    private volatile RunningNode node;
    /** The configuration the running node started from; handlers bound later are given their lines of it. */
    private volatile Config nodeConfig;
    /** The name of the role that runs the node ({@code openvpn-server}), for the status. */
    private volatile String nodeRole;

    public KernelComponent() {
        dev.culvert.core.embed.Culvert.installKernelDefaults(registry);
        WorkerLoss.installProcessWide(new ExitOnWorkerLoss(this::stopNode, System::exit));
        dev.culvert.spi.node.NodeExit.installProcessWide(new StopAndExit(this::stopNode, System::exit));
    }

    @Override
    public SlotRegistry registry() {
        return registry;
    }

    // One typed reference per SPI type: DS looks services up by interface name, so a single
    // reference to Object would match nothing. A test holds these in step with ModuleBinder.SPI_TYPES.

    private void bind(Object service, Map<String, Object> props) {
        Object name = props.get("culvert.name");
        Object ranking = props.get("service.ranking");
        ModuleBinder.bind(registry, service, name instanceof String s ? s : null, ranking instanceof Integer i ? i : 0);
    }

    private void unbind(Object service) {
        ModuleBinder.unbind(registry, service);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bindCompressor(Compressor service, Map<String, Object> props) {
        bind(service, props);
    }

    void unbindCompressor(Compressor service) {
        unbind(service);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bindDirectiveHandler(DirectiveHandler service, Map<String, Object> props) {
        bind(service, props);
        Config running = nodeConfig;
        if (running != null) {
            try {
                Nodes.applyTo(service, running);
            } catch (ConfigException e) {
                LOG.log(System.Logger.Level.ERROR, service.module() + " refused the running configuration: "
                        + e.getMessage());
            }
        }
    }

    void unbindDirectiveHandler(DirectiveHandler service) {
        unbind(service);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bindL3Protocol(L3Protocol service, Map<String, Object> props) {
        bind(service, props);
    }

    void unbindL3Protocol(L3Protocol service) {
        unbind(service);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bindRouter(Router service, Map<String, Object> props) {
        bind(service, props);
    }

    void unbindRouter(Router service) {
        unbind(service);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bindTunnelProtocol(TunnelProtocol service, Map<String, Object> props) {
        bind(service, props);
    }

    void unbindTunnelProtocol(TunnelProtocol service) {
        unbind(service);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bindTlsProvider(TlsProvider service, Map<String, Object> props) {
        bind(service, props);
    }

    void unbindTlsProvider(TlsProvider service) {
        unbind(service);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bindAeadProvider(AeadProvider service, Map<String, Object> props) {
        bind(service, props);
    }

    void unbindAeadProvider(AeadProvider service) {
        unbind(service);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bindLinkFactory(LinkFactory service, Map<String, Object> props) {
        bind(service, props);
    }

    void unbindLinkFactory(LinkFactory service) {
        unbind(service);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bindTransportFactory(TransportFactory service, Map<String, Object> props) {
        bind(service, props);
    }

    void unbindTransportFactory(TransportFactory service) {
        unbind(service);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bindNodeRole(NodeRole service, Map<String, Object> props) {
        bind(service, props);
    }

    void unbindNodeRole(NodeRole service) {
        unbind(service);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bindFeature(Feature service, Map<String, Object> props) {
        bind(service, props);
    }

    void unbindFeature(Feature service) {
        unbind(service);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bindClientAuthenticator(ClientAuthenticator service, Map<String, Object> props) {
        bind(service, props);
    }

    void unbindClientAuthenticator(ClientAuthenticator service) {
        unbind(service);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bindConnectHook(ConnectHook service, Map<String, Object> props) {
        bind(service, props);
    }

    void unbindConnectHook(ConnectHook service) {
        unbind(service);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bindLearnAddressHook(LearnAddressHook service, Map<String, Object> props) {
        bind(service, props);
    }

    void unbindLearnAddressHook(LearnAddressHook service) {
        unbind(service);
    }

    @Override
    public List<String> checkConfig(String path) {
        try {
            return Nodes.check(Config.load(Path.of(path)), registry).stream().map(ConfigException::getMessage).toList();
        } catch (ConfigException e) {
            return List.of(e.getMessage());
        }
    }

    @Override
    public Map<String, String> processOptions(String path) {
        try {
            return ProcessDirectives.launcherOptions(Config.load(Path.of(path)));
        } catch (ConfigException e) {
            return Map.of();
        }
    }

    @Override
    public boolean notifyServiceManager(String state) {
        try {
            return ServiceManagerNotify.send(state);
        } catch (NativeIoException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "could not tell the service manager " + state.lines().findFirst().orElse("")
                    + ": " + e.getMessage());
            return false;
        }
    }

    @Override
    public List<String> checkNode(String path) {
        List<String> problems = checkConfig(path);
        if (!problems.isEmpty()) {
            return problems;
        }
        try {
            return Nodes.checkedRole(Config.load(Path.of(path)), registry).isPresent() ? List.of() : List.of(noRole(path));
        } catch (ConfigException e) {
            return List.of(e.getMessage());
        }
    }

    @Override
    public synchronized List<String> runConfig(String path) throws IOException {
        // Checked before start() stops the running node, so that a configuration no module runs leaves it running.
        List<String> problems = checkNode(path);
        if (!problems.isEmpty()) {
            return problems;
        }
        Config config;
        try {
            config = Config.load(Path.of(path));
        } catch (ConfigException e) {
            return List.of(e.getMessage());
        }
        try {
            return start(config) ? List.of() : List.of(noRole(path));
        } catch (ConfigException e) {
            return List.of(e.getMessage());
        }
    }

    private static String noRole(String path) {
        return path + ": no installed module runs this configuration; a node needs 'client' or 'server' (module-vpn) or "
                + "another role's directive";
    }

    @Override
    public synchronized void restartNode() throws IOException {
        Config config = nodeConfig;
        if (config == null) {
            throw new IllegalStateException("no node is running");
        }
        try (TunLinkFactory.Restart kept = keepTunDevices(config)) {
            start(config);
        } catch (ConfigException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /**
     * With {@code persist-tun}, the restarted node gets the TUN device the stopped one had (2.6
     * keeps it over SIGUSR1, not over SIGHUP, which re-reads the configuration and reopens it).
     */
    private TunLinkFactory.Restart keepTunDevices(Config config) {
        if (config.has("persist-tun")) {
            Optional<LinkFactory> tun = registry.slot(SlotNames.LINK, LinkFactory.class).find("tun");
            if (tun.isPresent() && tun.get() instanceof TunLinkFactory kernelTun) {
                return kernelTun.keepDevicesAcrossRestart();
            }
        }
        return () -> { };
    }

    /** Stops the running node, then starts the one {@code config} describes; false if no installed module runs it. */
    private boolean start(Config config) throws ConfigException, IOException {
        stopNode();
        try {
            Optional<RunningNode> started = Nodes.start(config, registry);
            if (started.isEmpty()) {
                return false;
            }
            nodeRole = Nodes.roleFor(config, registry).map(NodeRole::name).orElse("(unknown role)");
            node = started.get();
            nodeConfig = config;
            return true;
        } catch (RuntimeException e) {
            throw new IOException("the node could not start: " + e.getMessage(), e);
        }
    }

    private synchronized void stopNode() {
        if (node != null) {
            node.close();
            node = null;
            nodeConfig = null;
        }
    }

    @Deactivate
    void deactivate() {
        stopNode();
    }

    @Override
    public String status() {
        RunningNode running = node;
        Config config = nodeConfig;
        String role = nodeRole;
        return KernelStatus.render(NativeProbe.run(), registry.slots(),
                running == null || config == null ? null : new KernelStatus.Running(role, config, running));
    }

    @Override
    public String sessions() {
        RunningNode running = node;
        return running == null ? "no node is running\n" : running.sessions();
    }
}

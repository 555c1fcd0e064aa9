package dev.culvert.core.embed;

import dev.culvert.core.aead.JceAeadProvider;
import dev.culvert.core.compress.CompressNode;
import dev.culvert.core.compress.DecompressNode;
import dev.culvert.core.config.Config;
import dev.culvert.spi.config.ConfigException;
import dev.culvert.core.graph.Graph;
import dev.culvert.core.graph.arc.ArcNodes;
import dev.culvert.core.l3.L3Node;
import dev.culvert.core.link.LinkSink;
import dev.culvert.core.packet.PacketBatch;
import dev.culvert.core.packet.PacketPool;
import dev.culvert.core.slot.SlotNames;
import dev.culvert.core.slot.SlotRegistry;
import dev.culvert.spi.aead.AeadProvider;
import dev.culvert.spi.compress.CompressionFraming;
import dev.culvert.spi.compress.Compressor;
import dev.culvert.spi.compress.FramingFormat;
import dev.culvert.spi.config.DirectiveHandler;
import dev.culvert.spi.l3.L3Policy;
import dev.culvert.spi.l3.Side;
import dev.culvert.spi.link.Link;
import dev.culvert.spi.link.LinkFactory;
import dev.culvert.spi.transport.TransportFactory;
import dev.culvert.core.io.transport.TcpTransportFactory;
import dev.culvert.core.io.transport.UdpTransportFactory;
import dev.culvert.core.io.tun.TunLinkFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The entry point for embedding Culvert in a plain JVM.
 *
 * <pre>{@code
 * try (Stack stack = Culvert.builder()
 *         .name("edge")
 *         .discoverModules()                 // or .module(new SomeCompressor()) ...
 *         .config(Config.load(Path.of("node.conf")))
 *         .relay(insideLink, outsideLink)
 *         .build()
 *         .start()) {
 *     stack.swap("compress", "snappy");      // between two batches, nothing lost
 * }
 * }</pre>
 */
public final class Culvert {
    private Culvert() {
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Assembles one stack. */
    public static final class Builder {
        private String name = "culvert";
        private SlotRegistry registry;
        private final List<Object> modules = new ArrayList<>();
        private boolean discover;
        private ClassLoader discoveryLoader;
        private int poolSize = 4096;
        private int batchSize = PacketBatch.DEFAULT_CAPACITY;
        private Config config = Config.empty();
        private Link inside;
        private Link outside;
        private L3Policy l3Policy;

        public Builder name(String name) {
            this.name = Objects.requireNonNull(name);
            return this;
        }

        /** Shares an existing registry (the OSGi kernel's) instead of making a new one. */
        public Builder registry(SlotRegistry registry) {
            this.registry = registry;
            return this;
        }

        /** Binds a module's implementation into the slots of the SPI types it implements. */
        public Builder module(Object implementation) {
            modules.add(Objects.requireNonNull(implementation));
            return this;
        }

        /** Also binds every SPI implementation {@link java.util.ServiceLoader} finds on the class path. */
        public Builder discoverModules() {
            return discoverModules(Thread.currentThread().getContextClassLoader());
        }

        public Builder discoverModules(ClassLoader loader) {
            this.discover = true;
            this.discoveryLoader = loader;
            return this;
        }

        public Builder poolSize(int packets) {
            this.poolSize = packets;
            return this;
        }

        public Builder batchSize(int packets) {
            this.batchSize = packets;
            return this;
        }

        /** The configuration; every directive must be claimed by an installed module when {@link #build()} runs. */
        public Builder config(Config config) {
            this.config = Objects.requireNonNull(config);
            return this;
        }

        /**
         * The relay pipeline: packets read from {@code inside} are checked by the L3 slot,
         * compressed and written to {@code outside}; packets read from {@code outside} are
         * decompressed, checked and written to {@code inside}. The tunnel slot will sit between
         * compression and the outside link once a tunnel module fills it.
         */
        public Builder relay(Link inside, Link outside) {
            this.inside = Objects.requireNonNull(inside);
            this.outside = Objects.requireNonNull(outside);
            return this;
        }

        /** What the L3 nodes apply (MTU, MSS clamp, ICMP rate and source addresses); default: the inside link's MTU, no clamping. */
        public Builder l3Policy(L3Policy policy) {
            this.l3Policy = Objects.requireNonNull(policy);
            return this;
        }

        /** Binds the modules, checks the configuration and wires the graph. */
        public Stack build() throws ConfigException {
            SlotRegistry reg = registry != null ? registry : new SlotRegistry();
            Culvert.installKernelDefaults(reg);
            for (Object m : modules) {
                if (ModuleBinder.bind(reg, m, null, null).isEmpty()) {
                    throw new IllegalArgumentException(m.getClass().getName() + " implements no Culvert SPI type");
                }
            }
            if (discover) {
                ModuleBinder.discover(reg, discoveryLoader);
            }
            List<DirectiveHandler> handlers = reg.slot(SlotNames.CONFIG, DirectiveHandler.class).all().stream()
                    .map(b -> b.implementation()).toList();
            Nodes.prepare(config, handlers);
            if (inside == null) {
                throw new IllegalStateException("stack " + name + " has no pipeline: call relay(inside, outside)");
            }
            PacketPool pool = new PacketPool(name, poolSize);
            var compress = reg.slot(SlotNames.COMPRESS, Compressor.class);
            CompressionFraming framing = new CompressionFraming(FramingFormat.V2);
            L3Policy policy = l3Policy != null ? l3Policy : new L3Policy(inside.mtu(), 0, L3Policy.DEFAULT.icmpPerSecond());
            // ICMP errors go back the way the offending packet came: towards the inside link, or
            // compressed onto the outside link. The feature arcs stand where a tunnel's would:
            // compression takes the place of sealing.
            Graph graph = ArcNodes.addTo(Graph.builder(), reg, ArcNodes.BEFORE_SEAL, "compress", "l3.outside")
                    .node("l3.inside", new L3Node(reg, Side.LINK, policy))
                    .node("compress", new CompressNode(compress, framing))
                    .node("to-outside", new LinkSink(outside))
                    .node("decompress", new DecompressNode(compress, framing))
                    .node("l3.outside", new L3Node(reg, Side.TUNNEL, policy, false))
                    .node("to-inside", new LinkSink(inside))
                    .wire("l3.inside", "accept", ArcNodes.AFTER_INSIDE_L3)
                    .wire("l3.inside", "icmp", "to-inside")
                    .wire("compress", "to-outside")
                    .wire("decompress", ArcNodes.AFTER_OPEN)
                    .wire("l3.outside", "accept", "to-inside")
                    .wire("l3.outside", "icmp", ArcNodes.BEFORE_SEAL)
                    .build();
            List<Stack.Ingress> ingresses = List.of(
                    new Stack.Ingress(inside, graph.indexOf("l3.inside")),
                    new Stack.Ingress(outside, graph.indexOf("decompress")));
            return new Stack(name, reg, pool, graph, ingresses, batchSize);
        }
    }

    /**
     * What every stack has whether or not modules are installed: the kernel's directives, the JCE
     * AEAD, TUN devices and the UDP and TCP transports. Nothing native is loaded until used.
     */
    public static void installKernelDefaults(SlotRegistry reg) {
        var config = reg.slot(SlotNames.CONFIG, DirectiveHandler.class);
        if (config.all().stream().noneMatch(b -> b.implementation() instanceof KernelDirectives)) {
            config.bind(new KernelDirectives(), "the kernel", 0);
        }
        if (config.all().stream().noneMatch(b -> b.implementation() instanceof ProcessDirectives)) {
            config.bind(new ProcessDirectives(), "process", 0);
        }
        var aead = reg.slot(SlotNames.AEAD, AeadProvider.class);
        if (aead.all().stream().noneMatch(b -> b.implementation() instanceof JceAeadProvider)) {
            aead.bind(new JceAeadProvider(), "jce", AeadProvider.DEFAULT_RANKING);
        }
        var links = reg.slot(SlotNames.LINK, LinkFactory.class);
        if (links.all().stream().noneMatch(b -> b.implementation() instanceof TunLinkFactory)) {
            links.bind(new TunLinkFactory(), "tun", 0);
        }
        var transports = reg.slot(SlotNames.TRANSPORT, TransportFactory.class);
        if (transports.all().isEmpty()) {
            transports.bind(new UdpTransportFactory(), "udp", 0);
            transports.bind(new TcpTransportFactory(), "tcp", 0);
        }
    }
}

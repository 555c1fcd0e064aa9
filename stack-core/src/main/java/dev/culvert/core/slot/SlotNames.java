package dev.culvert.core.slot;

/**
 * The kernel's slots. A module fills a slot by providing its SPI type (as a Declarative Services
 * component, a {@link java.util.ServiceLoader} provider, or by hand through the builder); the kernel
 * knows these names and types, never the modules.
 */
public final class SlotNames {
    /** {@link dev.culvert.spi.l3.L3Protocol}: one per IP version, chosen by the version nibble. */
    public static final String L3 = "l3";
    /** {@link dev.culvert.spi.tunnel.TunnelProtocol}: VPN framing and sessions. */
    public static final String TUNNEL = "tunnel";
    /** {@link dev.culvert.spi.route.Router}: the routing table and the topology. */
    public static final String ROUTE = "route";
    /** {@link dev.culvert.spi.tls.TlsProvider}: TLS engines for control channels. */
    public static final String TLS = "tls";
    /** {@link dev.culvert.spi.aead.AeadProvider}: data-channel ciphers. */
    public static final String AEAD = "aead";
    /** {@link dev.culvert.spi.compress.Compressor}: payload compression codecs. */
    public static final String COMPRESS = "compress";
    /** {@link dev.culvert.spi.link.LinkFactory}: TUN devices and virtual links. */
    public static final String LINK = "link";
    /** {@link dev.culvert.spi.transport.TransportFactory}: UDP and TCP. */
    public static final String TRANSPORT = "transport";
    /** {@link dev.culvert.spi.node.NodeRole}: what a configuration makes the node do. */
    public static final String NODE = "node";
    /** {@link dev.culvert.spi.config.DirectiveHandler}: configuration directives modules claim. */
    public static final String CONFIG = "config";
    /** {@link dev.culvert.spi.feature.Feature}: modules' steps at the graph's feature arcs; every one bound runs. */
    public static final String FEATURE = "feature";
    /** {@link dev.culvert.spi.hook.ClientAuthenticator}: checks clients' usernames and passwords; the active one is asked. */
    public static final String AUTH = "auth";
    /** {@link dev.culvert.spi.hook.ConnectHook}: told when clients connect and leave; the active one is told. */
    public static final String CONNECT = "connect";
    /** {@link dev.culvert.spi.hook.LearnAddressHook}: told which addresses are routed to which client; the active one is told. */
    public static final String LEARN_ADDRESS = "learn-address";

    private SlotNames() {
    }
}

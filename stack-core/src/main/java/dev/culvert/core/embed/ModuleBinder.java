package dev.culvert.core.embed;

import dev.culvert.core.slot.Ranked;
import dev.culvert.core.slot.SlotNames;
import dev.culvert.core.slot.SlotRegistry;
import dev.culvert.spi.aead.AeadProvider;
import dev.culvert.spi.compress.Compressor;
import dev.culvert.spi.config.DirectiveHandler;
import dev.culvert.spi.feature.Feature;
import dev.culvert.spi.hook.ClientAuthenticator;
import dev.culvert.spi.hook.ConnectHook;
import dev.culvert.spi.hook.LearnAddressHook;
import dev.culvert.spi.l3.L3Protocol;
import dev.culvert.spi.link.LinkFactory;
import dev.culvert.spi.node.NodeRole;
import dev.culvert.spi.route.Router;
import dev.culvert.spi.transport.TransportFactory;
import dev.culvert.spi.tls.TlsProvider;
import dev.culvert.spi.tunnel.TunnelProtocol;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.function.Function;

/**
 * Puts a module's implementation into the slot of each SPI type it implements. Used by the
 * builder (instances and {@link ServiceLoader}) and by the OSGi host (Declarative Services), so a
 * module behaves the same under either.
 */
public final class ModuleBinder {
    /** One SPI type, the slot it fills, and how an implementation's name is found. */
    public record SpiType<T>(Class<T> type, String slot, Function<T, String> naming) {
        @SuppressWarnings("unchecked")
        String nameOf(Object implementation) {
            return naming.apply((T) implementation);
        }
    }

    /** Every SPI type the kernel knows, in the order a stack consults them. */
    public static final List<SpiType<?>> SPI_TYPES = List.of(
            new SpiType<>(DirectiveHandler.class, SlotNames.CONFIG, DirectiveHandler::module),
            new SpiType<>(L3Protocol.class, SlotNames.L3, p -> "ipv" + p.ipVersion()),
            new SpiType<>(Router.class, SlotNames.ROUTE, Router::name),
            new SpiType<>(TunnelProtocol.class, SlotNames.TUNNEL, TunnelProtocol::name),
            new SpiType<>(TlsProvider.class, SlotNames.TLS, TlsProvider::name),
            new SpiType<>(AeadProvider.class, SlotNames.AEAD, AeadProvider::name),
            new SpiType<>(Compressor.class, SlotNames.COMPRESS, Compressor::name),
            new SpiType<>(LinkFactory.class, SlotNames.LINK, LinkFactory::kind),
            new SpiType<>(TransportFactory.class, SlotNames.TRANSPORT, TransportFactory::protocol),
            new SpiType<>(NodeRole.class, SlotNames.NODE, NodeRole::name),
            new SpiType<>(Feature.class, SlotNames.FEATURE, Feature::name),
            new SpiType<>(ClientAuthenticator.class, SlotNames.AUTH, ClientAuthenticator::name),
            new SpiType<>(ConnectHook.class, SlotNames.CONNECT, ConnectHook::name),
            new SpiType<>(LearnAddressHook.class, SlotNames.LEARN_ADDRESS, LearnAddressHook::name));

    private ModuleBinder() {
    }

    /**
     * Binds {@code implementation} into every slot whose SPI type it implements. {@code name} and
     * {@code ranking} may be null to take the implementation's own ({@link Ranked}, else 0).
     * Returns the slots it went into; empty if it implements no SPI type.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static List<String> bind(SlotRegistry registry, Object implementation, String name, Integer ranking) {
        List<String> slots = new ArrayList<>();
        for (SpiType<?> spi : SPI_TYPES) {
            if (spi.type().isInstance(implementation)) {
                String n = name != null ? name : spi.nameOf(implementation);
                int r = ranking != null ? ranking : rankingOf(implementation);
                registry.slot(spi.slot(), (Class) spi.type()).bind(implementation, n, r);
                slots.add(spi.slot());
            }
        }
        return slots;
    }

    /** Removes {@code implementation} from every slot it was bound into, waiting for in-flight batches. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static void unbind(SlotRegistry registry, Object implementation) {
        for (SpiType<?> spi : SPI_TYPES) {
            if (spi.type().isInstance(implementation)) {
                registry.slot(spi.slot(), (Class) spi.type()).unbind(implementation);
            }
        }
    }

    /** Binds every provider of every SPI type visible to {@code loader}. Returns how many were bound. */
    public static int discover(SlotRegistry registry, ClassLoader loader) {
        int count = 0;
        for (SpiType<?> spi : SPI_TYPES) {
            for (Object implementation : ServiceLoader.load(spi.type(), loader)) {
                if (registry.slot(spi.slot(), spi.type()).all().stream().anyMatch(b -> b.implementation().getClass() == implementation.getClass())) {
                    continue;
                }
                bind(registry, implementation, null, null);
                count++;
            }
        }
        return count;
    }

    static int rankingOf(Object implementation) {
        return implementation instanceof Ranked r ? r.ranking() : 0;
    }
}

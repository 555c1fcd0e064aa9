package dev.culvert.ipv4;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.culvert.spi.config.DirectiveHandler;
import dev.culvert.spi.l3.L3Protocol;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** The same classes DS registers are found by ServiceLoader, for stacks embedded without OSGi. */
class ServiceDiscoveryTest {
    @Test
    void serviceLoaderFindsTheProtocolAndTheDirective() {
        L3Protocol protocol = ServiceLoader.load(L3Protocol.class).findFirst().orElseThrow();
        assertEquals(Ipv4Protocol.class, protocol.getClass());
        assertEquals(4, protocol.ipVersion());
        DirectiveHandler handler = ServiceLoader.load(DirectiveHandler.class).findFirst().orElseThrow();
        assertEquals(MssfixDirective.class, handler.getClass());
    }
}

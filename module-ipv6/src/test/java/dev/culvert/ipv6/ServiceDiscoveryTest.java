package dev.culvert.ipv6;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.culvert.spi.l3.L3Protocol;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** The same class DS registers is found by ServiceLoader, for stacks embedded without OSGi. */
class ServiceDiscoveryTest {
    @Test
    void serviceLoaderFindsTheProtocol() {
        L3Protocol protocol = ServiceLoader.load(L3Protocol.class).findFirst().orElseThrow();
        assertEquals(Ipv6Protocol.class, protocol.getClass());
        assertEquals(6, protocol.ipVersion());
    }
}

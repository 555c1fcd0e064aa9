package dev.culvert.vpn.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.core.config.Config;
import dev.culvert.spi.config.ConfigException;
import java.net.InetSocketAddress;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Where a client sends from: a port the kernel picks, unless local, lport or bind ask, as in 2.6. */
class LocalBindTest {
    private static final InetSocketAddress V4_SERVER = new InetSocketAddress("192.0.2.1", 1194);
    private static final InetSocketAddress V6_SERVER = new InetSocketAddress("2001:db8::1", 1194);

    private static Optional<LocalBind> bind(String lines) throws ConfigException {
        return LocalBind.from(Config.of("client\nremote vpn.example\n" + lines, "c.conf"));
    }

    @Test
    void aPullingClientBindsNothingUnlessAsked() throws Exception {
        assertEquals(Optional.empty(), bind(""));
        assertEquals(Optional.empty(), bind("port 443\nnobind\n"));
    }

    @Test
    void lportBindsThatPortOnTheWildcardOfTheServersFamily() throws Exception {
        LocalBind b = bind("lport 15000\n").orElseThrow();
        assertEquals(new InetSocketAddress("0.0.0.0", 15000), b.toward(V4_SERVER));
        assertEquals(new InetSocketAddress("::", 15000), b.toward(V6_SERVER));
    }

    /** OPNsense's client exports say "lport 0": 2.6 binds to port 0, which the kernel makes a free port. */
    @Test
    void lportZeroBindsAPortTheKernelPicks() throws Exception {
        assertEquals(new InetSocketAddress("0.0.0.0", 0), bind("lport 0\nport 1194\n").orElseThrow().toward(V4_SERVER));
        ConfigException e = assertThrows(ConfigException.class, () -> bind("lport 70000\n"));
        assertTrue(e.getMessage().contains("out of range"), e.getMessage());
    }

    @Test
    void bindTakesPortsPortElse1194AndLocalItsAddress() throws Exception {
        assertEquals(1194, bind("bind\n").orElseThrow().port());
        assertEquals(443, bind("bind\nport 443\n").orElseThrow().port());
        assertEquals(new InetSocketAddress("127.0.0.1", 1194), bind("local 127.0.0.1\n").orElseThrow().toward(V4_SERVER));
    }

    @Test
    void nobindWithABindingLineIsRefusedAt26Does() {
        ConfigException e = assertThrows(ConfigException.class, () -> bind("nobind\nlport 15000\n"));
        assertEquals("c.conf:3", e.where());
        assertTrue(e.getMessage().contains("'nobind' and 'lport' contradict each other"), e.getMessage());
    }
}

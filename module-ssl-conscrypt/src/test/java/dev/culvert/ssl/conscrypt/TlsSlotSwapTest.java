package dev.culvert.ssl.conscrypt;

import static dev.culvert.ssl.conscrypt.HandshakeTest.DATAKEYS;
import static dev.culvert.ssl.conscrypt.HandshakeTest.clientSettings;
import static dev.culvert.ssl.conscrypt.HandshakeTest.serverSettings;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.core.slot.Slot;
import dev.culvert.core.slot.SlotNames;
import dev.culvert.core.slot.SlotRegistry;
import dev.culvert.spi.tls.TlsProvider;
import dev.culvert.ssl.bc.BcTlsProvider;
import dev.culvert.testing.pki.TestPki;
import dev.culvert.testing.tls.HandshakeDriver;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.Test;

/**
 * The tls slot's half of a hot swap: engines made by conscrypt before an operator swaps to bc, and
 * even after conscrypt has left the slot, finish their handshake and export on conscrypt; engines
 * made afterwards come from bc.
 */
class TlsSlotSwapTest {
    @Test
    void aHandshakeInFlightFinishesOnTheProviderThatBeganIt() throws Exception {
        TestPki.Issued ca = TestPki.ca("Culvert Test CA");
        TestPki.Issued server = TestPki.leaf(ca, "vpn.example", TestPki.Usage.SERVER);
        TestPki.Issued client = TestPki.leaf(ca, "alice", TestPki.Usage.CLIENT);
        SlotRegistry registry = new SlotRegistry();
        Slot<TlsProvider> slot = registry.slot(SlotNames.TLS, TlsProvider.class);
        BcTlsProvider bc = new BcTlsProvider();
        ConscryptTlsProvider conscrypt = new ConscryptTlsProvider();
        slot.bind(bc, "bc", bc.ranking());
        slot.bind(conscrypt, "conscrypt", conscrypt.ranking());
        registry.swap(SlotNames.TLS, "conscrypt");

        TlsProvider began = slot.active().orElseThrow();
        SSLEngine c = began.newEngine(clientSettings(ca, client, "TLSv1.3"));
        SSLEngine s = began.newEngine(serverSettings(ca, server, "TLSv1.3"));
        c.beginHandshake();

        registry.swap(SlotNames.TLS, "bc");
        assertTrue(slot.unbind(conscrypt), "conscrypt leaves the slot");
        assertEquals("bc", slot.activeBinding().orElseThrow().name());

        assertTrue(HandshakeDriver.run(c, s).finished(), "the handshake begun on conscrypt finishes after the swap");
        assertArrayEquals(began.exportKeyingMaterial(c, DATAKEYS, null, 64), began.exportKeyingMaterial(s, DATAKEYS, null, 64));

        TlsProvider now = slot.active().orElseThrow();
        SSLEngine c2 = now.newEngine(clientSettings(ca, client, "TLSv1.3"));
        assertTrue(HandshakeDriver.run(c2, now.newEngine(serverSettings(ca, server, "TLSv1.3"))).finished());
        assertTrue(c2.toString().startsWith("bc "), "new handshakes use the new provider: " + c2);
    }
}

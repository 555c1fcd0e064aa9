package dev.culvert.vpn.tunnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.culvert.core.aead.JceAeadProvider;
import dev.culvert.core.slot.Slot;
import dev.culvert.core.slot.SlotNames;
import dev.culvert.core.slot.SlotRegistry;
import dev.culvert.spi.aead.AeadProvider;
import dev.culvert.spi.tls.TlsProvider;
import dev.culvert.ssl.bc.BcTlsProvider;
import dev.culvert.ssl.conscrypt.ConscryptAeadProvider;
import dev.culvert.ssl.conscrypt.ConscryptTlsProvider;
import dev.culvert.vpn.data.AeadSource;
import dev.culvert.vpn.session.TlsSource;
import java.io.IOException;
import java.security.GeneralSecurityException;
import org.junit.jupiter.api.Test;

/**
 * What a runtime hands its sessions for the tls and aead slots: the provider active now, after
 * every swap, bind and unbind; nothing once the runtime closed them (the slot forgets them).
 */
class FollowedSlotsTest {
    final SlotRegistry registry = new SlotRegistry();
    final Slot<AeadProvider> aeadSlot = registry.slot(SlotNames.AEAD, AeadProvider.class);
    final Slot<TlsProvider> tlsSlot = registry.slot(SlotNames.TLS, TlsProvider.class);

    @Test
    void theAeadSourceIsTheSlotsActiveProviderAfterEverySwapBindAndUnbind() throws IOException {
        AeadProvider jce = new JceAeadProvider();
        AeadProvider conscrypt = new ConscryptAeadProvider();
        aeadSlot.bind(jce, "jce", AeadProvider.DEFAULT_RANKING);
        aeadSlot.bind(conscrypt, "conscrypt", -150);
        try (FollowedAead followed = RuntimeSlots.followAead(registry)) {
            AeadSource source = AeadSource.of(followed);
            assertSame(followed, source, "a key made with the runtime's provider follows it");
            assertSame(jce, source.current());
            registry.swap(SlotNames.AEAD, "conscrypt");
            assertSame(conscrypt, source.current());
            assertEquals("conscrypt", followed.name());
            aeadSlot.unbind(conscrypt);
            assertSame(jce, source.current(), "the selected module left: back to ranking order");
            AeadProvider higher = new ConscryptAeadProvider();
            aeadSlot.bind(higher, "conscrypt", 0);
            assertSame(higher, source.current(), "a module that outranks jce arrives, as from deploy/");
        }
        assertEquals(0, aeadSlot.listenerCount(), "closed, it no longer listens to the slot");
    }

    @Test
    void sessionsResolveTheTlsProviderActiveWhenTheirHandshakeStarts() throws IOException {
        TlsProvider bc = new BcTlsProvider();
        TlsProvider conscrypt = new ConscryptTlsProvider();
        tlsSlot.bind(bc, "bc", 10);
        tlsSlot.bind(conscrypt, "conscrypt", 5);
        try (FollowedTls followed = RuntimeSlots.followTls(registry)) {
            assertSame(bc, TlsSource.resolve(followed));
            registry.swap(SlotNames.TLS, "conscrypt");
            assertSame(conscrypt, TlsSource.resolve(followed));
            assertSame(bc, TlsSource.resolve(bc), "a plain provider stands for itself");
        }
        assertEquals(0, tlsSlot.listenerCount());
    }

    @Test
    void anEmptySlotIsRefusedAtStartWithWhatToInstall() {
        IOException e = assertThrows(IOException.class, () -> RuntimeSlots.followTls(registry));
        assertEquals("no TLS module is installed: install module-ssl-bc (or module-ssl-conscrypt)", e.getMessage());
    }

    @Test
    void aSlotEmptiedLaterFailsNewContextsWithTheReason() throws Exception {
        AeadProvider jce = new JceAeadProvider();
        aeadSlot.bind(jce, "jce", AeadProvider.DEFAULT_RANKING);
        try (FollowedAead followed = RuntimeSlots.followAead(registry)) {
            aeadSlot.unbind(jce);
            GeneralSecurityException e = assertThrows(GeneralSecurityException.class,
                    () -> followed.newCipher(dev.culvert.spi.aead.AeadAlgorithm.AES_256_GCM, new byte[32], true));
            assertEquals("no AEAD provider is bound (the kernel's JCE default is missing)", e.getMessage());
        }
    }
}

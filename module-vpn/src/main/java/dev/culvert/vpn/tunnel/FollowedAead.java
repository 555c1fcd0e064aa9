package dev.culvert.vpn.tunnel;

import dev.culvert.core.slot.Slot;
import dev.culvert.spi.aead.AeadAlgorithm;
import dev.culvert.spi.aead.AeadCipher;
import dev.culvert.spi.aead.AeadProvider;
import dev.culvert.vpn.data.AeadSource;
import java.security.GeneralSecurityException;

/**
 * The {@code aead} slot's active provider, for a runtime's sessions: every key they make follows
 * it ({@link AeadSource}), so {@code culvert:swap aead NAME}, or a higher-ranked module arriving
 * or leaving, rebinds the cipher contexts of every established session on the threads that use
 * them, without renegotiating. As an {@link AeadProvider} it answers for the provider active now.
 */
public final class FollowedAead implements AeadProvider, AeadSource, AutoCloseable {
    private final SlotFollower<AeadProvider> slot;

    public FollowedAead(Slot<AeadProvider> slot) {
        this.slot = new SlotFollower<>(slot);
    }

    @Override
    public AeadProvider current() {
        return slot.current();
    }

    @Override
    public String name() {
        AeadProvider now = slot.current();
        return now == null ? "(none)" : now.name();
    }

    @Override
    public boolean supports(AeadAlgorithm algorithm) {
        AeadProvider now = slot.current();
        return now != null && now.supports(algorithm);
    }

    @Override
    public AeadCipher newCipher(AeadAlgorithm algorithm, byte[] key, boolean encrypt) throws GeneralSecurityException {
        AeadProvider now = slot.current();
        if (now == null) {
            throw new GeneralSecurityException("no AEAD provider is bound (the kernel's JCE default is missing)");
        }
        return now.newCipher(algorithm, key, encrypt);
    }

    /** Stops following the slot; the runtime is stopping. */
    @Override
    public void close() {
        slot.close();
    }
}

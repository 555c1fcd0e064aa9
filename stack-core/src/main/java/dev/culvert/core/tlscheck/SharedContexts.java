package dev.culvert.core.tlscheck;

import dev.culvert.spi.tls.TlsSettings;
import java.security.GeneralSecurityException;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * One TLS context per set of settings, shared by every engine made from equal settings: a server
 * makes all its engines from one {@link TlsSettings}, and a context holds tables (named groups,
 * signature schemes, curve parameters, the key manager's key) that cost tens of KiB and a share of
 * each handshake's CPU when made again per engine.
 *
 * <p>A context is kept while its settings are: the map's keys are weak, and what a context holds
 * (the chain, the key, the anchors) is what the settings hold, not the settings themselves. Once a
 * reload has replaced the settings and the last engine made from the old ones is gone, the old
 * context and the key it holds go with them.
 *
 * @param <C> the provider's context
 */
public final class SharedContexts<C> {
    /** Makes the context for a set of settings. */
    @FunctionalInterface
    public interface Maker<C> {
        C make(TlsSettings settings) throws GeneralSecurityException;
    }

    private final Maker<C> maker;
    private final Map<TlsSettings, C> contexts = new WeakHashMap<>();

    public SharedContexts(Maker<C> maker) {
        this.maker = maker;
    }

    /** The context for {@code settings}, made on the first call with settings equal to these. */
    public synchronized C forSettings(TlsSettings settings) throws GeneralSecurityException {
        C context = contexts.get(settings);
        if (context == null) {
            context = maker.make(settings);
            contexts.put(settings, context);
        }
        return context;
    }

    /** How many contexts are kept (for tests). */
    synchronized int size() {
        return contexts.size();
    }
}

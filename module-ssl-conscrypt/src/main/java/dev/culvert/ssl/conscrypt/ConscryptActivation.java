package dev.culvert.ssl.conscrypt;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.osgi.service.component.ComponentContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * The gate in front of this bundle's providers. Both are declared disabled; this immediate
 * component loads Conscrypt's native library once and enables them only if it loaded. If it did
 * not, it logs at ERROR why and what to do ({@link ConscryptNatives#explain}), and the providers
 * are never registered, so the kernel's slots keep what they had (bc for tls, jce for aead) and
 * {@code culvert:status} shows no conscrypt entry. Without the gate, Declarative Services would
 * register the services first and fail later, when the kernel asks for them.
 */
@Component(immediate = true, service = {})
public final class ConscryptActivation {
    private static final System.Logger LOG = System.getLogger(ConscryptActivation.class.getName());

    /** The components this gate enables, by their Declarative Services names. */
    static final List<String> PROVIDERS = List.of(ConscryptTlsProvider.class.getName(), ConscryptAeadProvider.class.getName());

    private final Supplier<String> nativeCheck;

    public ConscryptActivation() {
        this(ConscryptNatives::unavailableReason);
    }

    /** @param nativeCheck null if the native library loaded, else why not (tests simulate a failure) */
    ConscryptActivation(Supplier<String> nativeCheck) {
        this.nativeCheck = nativeCheck;
    }

    @Activate
    void activate(ComponentContext context) {
        open(context::enableComponent);
    }

    /** Enables the providers through {@code enable} if the native library loaded. Returns whether it did. */
    boolean open(Consumer<String> enable) {
        String reason = nativeCheck.get();
        if (reason != null) {
            LOG.log(System.Logger.Level.ERROR, reason);
            return false;
        }
        PROVIDERS.forEach(enable);
        return true;
    }
}

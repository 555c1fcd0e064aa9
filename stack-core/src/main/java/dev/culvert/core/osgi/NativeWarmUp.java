package dev.culvert.core.osgi;

import dev.culvert.core.io.nativeio.Native;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/**
 * Binds libc through JNR-FFI on a thread of its own as soon as the kernel's bundle starts: JNR
 * generates its call stubs with ASM at the first call, about a sixth of a second of a node's
 * start-up, which the node's first TUN or socket call would otherwise wait for on the start-up
 * path. The launcher starts this bundle first, so the binding overlaps the framework's start of
 * the others. A failure here is left for that first call to report, as it would without this.
 */
public final class NativeWarmUp implements BundleActivator {
    @Override
    public void start(BundleContext context) {
        Thread warm = new Thread(NativeWarmUp::bind, "culvert-native-warmup");
        warm.setDaemon(true);
        warm.start();
    }

    @Override
    public void stop(BundleContext context) {
        // Nothing held: the binding belongs to the class, and a thread still binding ends by itself.
    }

    private static void bind() {
        try {
            Native.libc();
        } catch (RuntimeException | LinkageError e) {
            // Reported by the first real call (Native.libc() throws the same), with its context.
        }
    }
}

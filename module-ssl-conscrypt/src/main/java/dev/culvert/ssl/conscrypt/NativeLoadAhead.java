package dev.culvert.ssl.conscrypt;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/**
 * Loads Conscrypt's native library on a thread of its own as soon as this bundle starts. Conscrypt
 * unpacks its 3 MB library from its jar and links it at the first use, which a node's start-up
 * would otherwise wait for when Declarative Services activates {@link ConscryptActivation}, after
 * every bundle has started. {@link ConscryptActivation} still asks {@link ConscryptNatives} itself:
 * a load still under way makes it wait for the same result, and a failure is reported there, as
 * without this.
 */
public final class NativeLoadAhead implements BundleActivator {
    @Override
    public void start(BundleContext context) {
        Thread load = new Thread(ConscryptNatives::unavailableReason, "culvert-conscrypt-load");
        load.setDaemon(true);
        load.start();
    }

    @Override
    public void stop(BundleContext context) {
        // Nothing held: the library belongs to the JVM once loaded, and a thread still loading ends by itself.
    }
}

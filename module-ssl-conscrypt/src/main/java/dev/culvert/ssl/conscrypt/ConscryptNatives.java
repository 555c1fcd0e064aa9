package dev.culvert.ssl.conscrypt;

import java.security.Provider;
import org.conscrypt.Conscrypt;

/**
 * Whether Conscrypt's native library (BoringSSL, {@code libconscrypt_openjdk_jni}) loaded in this
 * JVM, and if not, why and what the operator can do. Conscrypt unpacks the library from its jar
 * into {@code java.io.tmpdir} (or {@code org.conscrypt.native.workdir}) and loads it from there, so
 * a temporary directory mounted {@code noexec} and an unsupported platform are the usual causes.
 *
 * <p>A Conscrypt provider instance is only ever made through {@link #newProvider()}, and passed
 * explicitly to the JCA; nothing is registered with {@link java.security.Security}.
 */
final class ConscryptNatives {
    private ConscryptNatives() {
    }

    /** Null if the native library loaded; otherwise a sentence naming the cause and the fix. */
    static String unavailableReason() {
        try {
            Conscrypt.checkAvailability();
            return null;
        } catch (Throwable e) {
            // Conscrypt reports a failed load as an UnsatisfiedLinkError whose cause is the first
            // attempt's failure; the static initialiser may also fail outright (ExceptionInInitializerError).
            return explain(e);
        }
    }

    /** The operator-facing sentence for a native library that failed to load with {@code failure}. */
    static String explain(Throwable failure) {
        Throwable root = rootCause(failure);
        String cause = root == failure ? failure.toString() : failure + " (caused by " + root + ")";
        return "Conscrypt's native library (BoringSSL) did not load on " + System.getProperty("os.name") + "/"
                + System.getProperty("os.arch") + ": " + cause + ". The conscrypt TLS and AEAD providers are not installed;"
                + " the tls slot keeps bc and the aead slot keeps jce. Conscrypt unpacks libconscrypt_openjdk_jni into"
                + " " + unpackDirectory() + ": if that directory is mounted noexec or is not writable, start"
                + " the JVM with -Djava.io.tmpdir=DIR -Dorg.conscrypt.native.workdir=DIR naming a directory that allows"
                + " executables (bin/culvert does so when CULVERT_TMPDIR is set). Conscrypt 2.9.0 ships libraries for"
                + " linux x86_64/aarch64, macOS x86_64/aarch64 and windows x86_64.";
    }

    /** Where Conscrypt unpacks its library: {@code org.conscrypt.native.workdir} if set, else {@code java.io.tmpdir}. */
    private static String unpackDirectory() {
        String workdir = System.getProperty("org.conscrypt.native.workdir");
        return workdir != null ? "org.conscrypt.native.workdir (" + workdir + ")" : "java.io.tmpdir (" + System.getProperty("java.io.tmpdir") + ")";
    }

    /**
     * A fresh Conscrypt provider, not registered globally.
     *
     * @throws IllegalStateException with {@link #unavailableReason()}'s sentence if the native library did not load
     */
    static Provider newProvider() {
        String reason = unavailableReason();
        if (reason != null) {
            throw new IllegalStateException(reason);
        }
        return Conscrypt.newProvider();
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }
}

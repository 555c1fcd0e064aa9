package dev.culvert.core.io.nativeio;

import com.kenai.jffi.MemoryIO;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.function.IntSupplier;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Runtime;

/**
 * Loads libc once and offers the few things every caller needs: the binding, {@code errno}, and
 * the address of a direct buffer. Loading fails immediately and loudly (no lazy symbol errors
 * on the data path), with a message that names what is missing.
 */
public final class Native {
    private static final Object LOCK = new Object();
    private static volatile LibC libc;
    private static volatile Runtime runtime;

    private Native() {
    }

    /** The libc binding, loaded on first use. */
    public static LibC libc() {
        LibC loaded = libc;
        if (loaded != null) {
            return loaded;
        }
        synchronized (LOCK) {
            if (libc == null) {
                if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
                    throw new UnsupportedOperationException("Culvert's native I/O (TUN, epoll, SO_REUSEPORT) needs Linux; this is "
                            + System.getProperty("os.name"));
                }
                try {
                    LibC bound = LibraryLoader.create(LibC.class).failImmediately().load("c");
                    runtime = Runtime.getRuntime(bound);
                    libc = bound;
                } catch (LinkageError | RuntimeException e) {
                    throw new IllegalStateException("cannot bind libc through JNR-FFI (is jffi's native library loadable? "
                            + "a noexec java.io.tmpdir stops it): " + e, e);
                }
            }
            return libc;
        }
    }

    /** The calling thread's errno after the last libc call that failed. */
    public static int errno() {
        libc();
        return runtime.getLastError();
    }

    /** Sets the calling thread's errno to 0, for the calls whose error return is also a valid result. */
    public static void clearErrno() {
        libc();
        runtime.setLastError(0);
    }

    /** A short text for an errno value, from libc. */
    public static String describe(int errno) {
        String text = libc().strerror(errno);
        return (text == null ? "error" : text) + " (errno " + errno + ")";
    }

    /**
     * Makes a libc call that returns 0 on success and sets errno otherwise; null on success, else
     * what failed and why, for a log line. Never throws: without native access it says so.
     */
    static String whyNot(String call, IntSupplier libcCall) {
        try {
            return libcCall.getAsInt() == 0 ? null : call + ": " + describe(errno());
        } catch (RuntimeException | LinkageError e) {
            return "no native access: " + e;
        }
    }

    /** The native address of a direct buffer's first byte (its index 0, whatever its position). */
    public static long address(ByteBuffer direct) {
        if (!direct.isDirect()) {
            throw new IllegalArgumentException("native I/O needs a direct buffer");
        }
        return MemoryIO.getInstance().getDirectBufferAddress(direct);
    }

    /** A zeroed direct buffer in native byte order, for C structs. */
    public static ByteBuffer struct(int size) {
        return ByteBuffer.allocateDirect(size).order(ByteOrder.nativeOrder());
    }

    /** Closes a descriptor, ignoring errors: used on paths that already report a failure. */
    public static void closeQuietly(int fd) {
        if (fd >= 0) {
            libc().close(fd);
        }
    }
}

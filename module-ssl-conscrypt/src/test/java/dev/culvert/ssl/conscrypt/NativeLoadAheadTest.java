package dev.culvert.ssl.conscrypt;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The bundle's start loads Conscrypt's native library on a thread of its own, which ends once it has. */
class NativeLoadAheadTest {
    @Test
    void startingTheBundleLoadsTheLibraryOnAThreadThatEnds() throws Exception {
        new NativeLoadAhead().start(null);
        Optional<Thread> loading = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("culvert-conscrypt-load")).findFirst();
        if (loading.isPresent()) {
            Thread thread = loading.get();
            assertTrue(thread.isDaemon(), "the load never keeps a JVM from exiting");
            thread.join(60_000);
            assertTrue(!thread.isAlive(), "the load thread ends");
        }
        assertNull(ConscryptNatives.unavailableReason(), "the library is loaded (this machine has Conscrypt's platform)");
    }
}

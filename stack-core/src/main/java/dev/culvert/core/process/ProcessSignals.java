package dev.culvert.core.process;

import dev.culvert.core.io.nativeio.SelfSignal;
import java.util.Map;

/**
 * The signals an operator sends OpenVPN, raised by the process itself, so that a command (the
 * management interface's {@code signal SIGHUP}) takes the same path as {@code kill -HUP}: the
 * launcher's handlers. Linux's numbers.
 */
public final class ProcessSignals {
    private static final Map<String, Integer> NUMBERS = Map.of("HUP", 1, "INT", 2, "USR1", 10, "USR2", 12, "TERM", 15);

    private ProcessSignals() {
    }

    /**
     * Raises {@code name} (HUP, INT, USR1, USR2 or TERM) on this process; returns null once raised,
     * else why not.
     */
    public static String raise(String name) {
        Integer number = NUMBERS.get(name);
        if (number == null) {
            return "not an operator's signal: " + name;
        }
        return SelfSignal.raise(number);
    }
}

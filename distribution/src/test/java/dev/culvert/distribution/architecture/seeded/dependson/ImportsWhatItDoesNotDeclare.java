package dev.culvert.distribution.architecture.seeded.dependson;

import dev.culvert.core.graph.DropReason;
import dev.culvert.spi.config.ConfigException;

/** Uses the config SPI, which its package-info allows, and the graph, which it does not. */
public final class ImportsWhatItDoesNotDeclare {
    public static final DropReason REASON = DropReason.of("seeded.reason");

    private ImportsWhatItDoesNotDeclare() {
    }

    public static ConfigException problem() {
        return new ConfigException("seeded.conf:1", "seeded", "none");
    }
}

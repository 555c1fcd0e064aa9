package dev.culvert.spi.node;

import dev.culvert.core.config.Config;
import dev.culvert.core.slot.SlotRegistry;
import dev.culvert.spi.config.ConfigException;
import java.io.IOException;

/**
 * One thing a node can be, chosen by its configuration: an OpenVPN client, an OpenVPN server.
 *
 * <p>What an implementation may assume: the configuration's directives are all claimed and
 * checked; the registry's slots hold the installed modules (TLS, AEAD, links, transports...).
 *
 * <p>What it must guarantee: {@link #start} returns once the node is running in the background,
 * or fails with an error naming the file, the line and the fix (a {@link ConfigException}), or
 * an {@link IOException} saying what the system refused (no TUN device, address in use).
 */
public interface NodeRole {
    /** {@code openvpn-client}. */
    String name();

    /** Whether this role runs the configuration. */
    boolean accepts(Config config);

    /** Starts the node; closing the result stops it and releases everything it opened. */
    RunningNode start(Config config, SlotRegistry registry) throws ConfigException, IOException;
}

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

    /**
     * Reads the configuration as {@link #start} reads it, short of opening devices and sockets
     * ({@code --check}): the role's own rules, the files it names (keys, certificates), their
     * parsing, and how its directives go together. Throws the {@link ConfigException} that
     * {@link #start} would throw, with the same message. A role that reads nothing beyond
     * {@link #accepts} keeps this default, which passes every configuration.
     */
    default void check(Config config, SlotRegistry registry) throws ConfigException {
    }

    /** Starts the node; closing the result stops it and releases everything it opened. */
    RunningNode start(Config config, SlotRegistry registry) throws ConfigException, IOException;
}

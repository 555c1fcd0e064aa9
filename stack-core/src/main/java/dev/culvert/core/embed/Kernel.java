package dev.culvert.core.embed;

import dev.culvert.core.slot.SlotRegistry;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * A Culvert node as a service: inside OSGi the kernel bundle registers one, so that shells,
 * management interfaces and the launcher reach the node's slots without knowing any module.
 */
public interface Kernel {
    SlotRegistry registry();

    /**
     * Loads a configuration file and checks that installed modules claim every directive.
     * Returns the problems found ({@code file:line: problem; fix}), empty if it is usable.
     */
    List<String> checkConfig(String path);

    /**
     * What {@code --check} answers: {@link #checkConfig}'s problems and, when there are none,
     * whether an installed module runs the configuration as a node and what that module's start
     * would refuse short of opening devices and sockets ({@link dev.culvert.spi.node.NodeRole#check}),
     * so that a configuration this passes is one {@link #runConfig} does not refuse for a
     * configuration reason. Starts nothing.
     */
    List<String> checkNode(String path);

    /**
     * Checks the configuration, then runs the node it describes in place of any node running
     * before. Returns the configuration's problems ({@code file:line: problem; fix}), empty when
     * the node runs; a configuration that no installed module runs is reported as a problem.
     *
     * @throws IOException when the configuration is usable but the system refused what the node
     *         needs (a port in use, a TUN device): the message says what, and no node runs
     */
    List<String> runConfig(String path) throws IOException;

    /**
     * Restarts the running node with the configuration it was started with, as OpenVPN's SIGUSR1
     * does: its sessions end (clients told with explicit-exit-notify) and it starts afresh.
     *
     * @throws IOException when the new start fails; then no node runs
     * @throws IllegalStateException when no node runs
     */
    void restartNode() throws IOException;

    /**
     * What the process running the node must do for this configuration file, which the node
     * cannot do itself: {@link ProcessDirectives#launcherOptions} ({@code daemon}, {@code writepid}).
     * Empty when the configuration says neither, or cannot be read ({@link #runConfig} says why).
     */
    Map<String, String> processOptions(String path);

    /**
     * Tells the service manager that started the node (systemd's {@code $NOTIFY_SOCKET}, a
     * {@code Type=notify} unit) its state: {@code READY=1}, {@code RELOADING=1},
     * {@code STOPPING=1}, with {@code STATUS=...} lines. False when none listens or it failed
     * (the log says why); the node runs either way.
     */
    boolean notifyServiceManager(String state);

    /** The slots with their implementations, the running stacks and their counters. */
    String status();

    /** The running node's tunnel sessions ({@link dev.culvert.spi.node.RunningNode#sessions()}). */
    String sessions();
}

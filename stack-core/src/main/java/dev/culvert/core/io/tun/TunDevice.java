package dev.culvert.core.io.tun;

import dev.culvert.core.io.nativeio.Native;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * A TUN device a factory opened, and what the node did to it, so the device is left as found. A
 * device the node created goes away with its last queue, and its addresses and routes with it. A
 * persistent one ({@code ip tuntap add}) outlives its queues: when the last closes, the node takes
 * back each address and route it added, in reverse order, and puts back the MTU and link state
 * the device had before.
 *
 * <p>Across a restart with {@code persist-tun} (2.6 keeps the device over SIGUSR1) the queues'
 * descriptors are parked instead of closed, and the next node that asks for the same device
 * with as many queues takes them back: the same device, its addresses and routes still on it.
 */
final class TunDevice {
    private static final System.Logger LOG = System.getLogger(TunDevice.class.getName());

    private final String name;
    /** The name the node asked for ({@code tun%d}), for a restarted node to find the device it kept. */
    private final String requested;
    private final boolean persistent;
    /** The offload set the kernel took ({@link TunOffloads}); -1 when opened without virtio headers. */
    private final int offloads;
    /** The device as it was before the node attached, or null when the node created it. */
    private final DeviceState found;
    private final BooleanSupplier keeping;
    private final Runnable gone;
    private final List<List<String>> undo = new ArrayList<>();
    /** Descriptors of closed queues kept open across a restart ({@code persist-tun}). */
    private final List<Integer> parked = new ArrayList<>();
    private int openQueues;

    /**
     * @param keeping whether a queue closed now is kept open for the node that starts next
     * @param gone    called once the device is left for good
     */
    TunDevice(String name, String requested, boolean persistent, int offloads, DeviceState found, BooleanSupplier keeping,
            Runnable gone) {
        this.name = name;
        this.requested = requested;
        this.persistent = persistent;
        this.offloads = offloads;
        this.found = found;
        this.keeping = keeping;
        this.gone = gone;
    }

    String name() {
        return name;
    }

    boolean persistent() {
        return persistent;
    }

    int offloads() {
        return offloads;
    }

    /** A queue was attached; each must be closed before the device is left. */
    synchronized void queueAttached() {
        openQueues++;
    }

    /** Notes an {@code ip} command run on this device, to take back what it added when the device is left. */
    synchronized void configured(List<String> ipArguments) {
        IpUndo.of(ipArguments).filter(u -> !undo.contains(u)).ifPresent(undo::add);
    }

    /**
     * A queue's node is done with it: while a restart keeps devices, its descriptor is parked for
     * the next node; otherwise it is closed, and after the last, the device is left (a persistent
     * one gets back its own state).
     */
    void queueClosed(int fd) {
        List<List<String>> toRun;
        synchronized (this) {
            openQueues--;
            if (keeping.getAsBoolean()) {
                parked.add(fd);
                return;
            }
            Native.closeQuietly(fd);
            if (openQueues != 0 || !parked.isEmpty()) {
                return;
            }
            toRun = new ArrayList<>(undo);
            undo.clear();
        }
        gone.run();
        if (persistent) {
            restore(toRun);
        }
    }

    /**
     * The parked descriptors, for a restarted node that asks for the same device with as many
     * queues; null if this device is not parked whole or is another. Each comes back attached.
     */
    synchronized int[] reclaim(String requestedName, int queues) {
        if (openQueues != 0 || parked.size() != queues || !requested.equals(requestedName)) {
            return null;
        }
        int[] fds = parked.stream().mapToInt(Integer::intValue).toArray();
        parked.clear();
        openQueues = fds.length;
        return fds;
    }

    /** Closes the descriptors no restarted node took back, leaving the device as a node's close would. */
    void releaseParked() {
        List<Integer> fds;
        synchronized (this) {
            fds = new ArrayList<>(parked);
            parked.clear();
            openQueues += fds.size();
        }
        for (int fd : fds) {
            queueClosed(fd);
        }
    }

    private void restore(List<List<String>> added) {
        for (int i = added.size() - 1; i >= 0; i--) {
            runQuietly(added.get(i));
        }
        if (found != null) {
            runQuietly(List.of("link", "set", "dev", name, "mtu", Integer.toString(found.mtu()), found.up() ? "up" : "down"));
        }
        LOG.log(System.Logger.Level.INFO, name + " is persistent: left as it was found, without the "
                + added.size() + " addresses and routes this node added");
    }

    private void runQuietly(List<String> command) {
        try {
            IpTool.run(command.toArray(String[]::new));
        } catch (IOException e) {
            // Someone removed it before us: what we wanted is already so.
            LOG.log(System.Logger.Level.DEBUG, "leaving " + name + ": " + e.getMessage());
        }
    }
}

package dev.culvert.core.io.tun;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A TUN device a factory opened, and what the node did to it, so the device is left as found. A
 * device the node created goes away with its last queue, and its addresses and routes with it. A
 * persistent one ({@code ip tuntap add}) outlives its queues: when the last closes, the node takes
 * back each address and route it added, in reverse order, and puts back the MTU and link state
 * the device had before.
 */
final class TunDevice {
    private static final System.Logger LOG = System.getLogger(TunDevice.class.getName());

    private final String name;
    private final boolean persistent;
    /** The device as it was before the node attached, or null when the node created it. */
    private final DeviceState found;
    private final Runnable gone;
    private final List<List<String>> undo = new ArrayList<>();
    private int openQueues;

    TunDevice(String name, boolean persistent, DeviceState found, Runnable gone) {
        this.name = name;
        this.persistent = persistent;
        this.found = found;
        this.gone = gone;
    }

    String name() {
        return name;
    }

    boolean persistent() {
        return persistent;
    }

    /** A queue was attached; each must be closed before the device is left. */
    synchronized void queueAttached() {
        openQueues++;
    }

    /** Notes an {@code ip} command run on this device, to take back what it added when the device is left. */
    synchronized void configured(List<String> ipArguments) {
        IpUndo.of(ipArguments).filter(u -> !undo.contains(u)).ifPresent(undo::add);
    }

    /** One queue closed; after the last, a persistent device gets back its own state. */
    void queueClosed() {
        List<List<String>> toRun;
        synchronized (this) {
            if (--openQueues != 0) {
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

    private void restore(List<List<String>> added) {
        for (int i = added.size() - 1; i >= 0; i--) {
            runQuietly(added.get(i));
        }
        if (found != null) {
            runQuietly(List.of("link", "set", "dev", name, "mtu", Integer.toString(found.mtu()), found.up() ? "up" : "down"));
        }
        LOG.log(System.Logger.Level.INFO, "culvert: " + name + " is persistent: left as it was found, without the "
                + added.size() + " addresses and routes this node added");
    }

    private void runQuietly(List<String> command) {
        try {
            IpTool.run(command.toArray(String[]::new));
        } catch (IOException e) {
            // Someone removed it before us: what we wanted is already so.
            LOG.log(System.Logger.Level.DEBUG, "culvert: leaving " + name + ": " + e.getMessage());
        }
    }
}

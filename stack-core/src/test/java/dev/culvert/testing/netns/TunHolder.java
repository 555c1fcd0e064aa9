package dev.culvert.testing.netns;

import dev.culvert.core.io.tun.TunLinkFactory;
import dev.culvert.core.io.tun.TunQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * Opens a TUN device with {@code args[1]} queues, prints {@code OPENED <name>} (or {@code ERROR
 * <message>}) and holds it until the harness stops the process: another process's device, for
 * tests of who owns one.
 */
public final class TunHolder {
    private TunHolder() {
    }

    public static void main(String[] args) {
        TunQueue[] queues;
        try {
            queues = new TunLinkFactory().openQueues(args[0], 1400, Integer.parseInt(args[1]));
        } catch (Exception e) {
            System.out.println("ERROR " + e.getMessage());
            return;
        }
        System.out.println("OPENED " + queues[0].name());
        System.out.flush();
        while (queues.length > 0) {
            LockSupport.park();
        }
    }
}

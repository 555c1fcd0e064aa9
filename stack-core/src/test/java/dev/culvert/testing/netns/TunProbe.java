package dev.culvert.testing.netns;

import dev.culvert.core.io.tun.TunLinkFactory;
import dev.culvert.core.io.tun.TunQueue;

/** Tries to open a TUN device and prints {@code OPENED} or {@code ERROR <message>}; for tests run with fewer privileges. */
public final class TunProbe {
    private TunProbe() {
    }

    public static void main(String[] args) {
        try {
            TunQueue[] queues = new TunLinkFactory().openQueues(args[0], 1400, 1);
            System.out.println("OPENED " + queues[0].name());
            queues[0].close();
        } catch (Exception e) {
            System.out.println("ERROR " + e.getMessage());
        }
    }
}

package dev.culvert.vpn.management;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * 2.6's management hold ({@code management-hold}, {@code hold on|off|release}): the hold flag,
 * shared by every connection of one interface, and the gate a starting node waits at until a
 * management client says {@code hold release}.
 */
final class HoldGate {
    /** 2.6's real-time line while it waits. */
    static final String WAITING = ">HOLD:Waiting for hold release:0";

    private volatile boolean flag;
    private volatile CountDownLatch waiting;

    HoldGate(boolean flag) {
        this.flag = flag;
    }

    boolean flag() {
        return flag;
    }

    void flag(boolean on) {
        flag = on;
    }

    /** Whether a node waits for a release now. */
    boolean waiting() {
        CountDownLatch w = waiting;
        return w != null && w.getCount() > 0;
    }

    /** {@code hold release}: the waiting node goes on; without one, nothing happens (2.6 answers success either way). */
    void release() {
        CountDownLatch w = waiting;
        if (w != null) {
            w.countDown();
        }
    }

    /** Starts a wait; {@link #await} then returns once released. */
    void arm() {
        waiting = new CountDownLatch(1);
    }

    /** Waits up to {@code millis} for the release; true if it came. */
    boolean await(long millis) throws InterruptedException {
        CountDownLatch w = waiting;
        return w == null || w.await(millis, TimeUnit.MILLISECONDS);
    }
}

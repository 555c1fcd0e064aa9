package dev.culvert.vpn.management;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * 2.6's management hold ({@code management-hold}, {@code hold on|off|release}): the hold flag,
 * shared by every connection of one interface, and the gate a starting (or, on a client,
 * restarting) node waits at until a management client says {@code hold release}. A server waits
 * for it in its start; a client is told when it comes, so its control side never blocks.
 */
final class HoldGate {
    private volatile boolean flag;
    private volatile CompletableFuture<Void> waiting;
    private volatile String line;

    HoldGate(boolean flag) {
        this.flag = flag;
    }

    /** 2.6's real-time line while it waits: {@code holdSeconds} is the pause the node would have made without the hold. */
    static String waitingLine(int holdSeconds) {
        return ">HOLD:Waiting for hold release:" + holdSeconds;
    }

    boolean flag() {
        return flag;
    }

    void flag(boolean on) {
        flag = on;
    }

    /** Whether a node waits for a release now. */
    boolean waiting() {
        CompletableFuture<Void> w = waiting;
        return w != null && !w.isDone();
    }

    /** {@code hold release}: the waiting node goes on; without one, nothing happens (2.6 answers success either way). */
    void release() {
        CompletableFuture<Void> w = waiting;
        if (w != null) {
            w.complete(null);
        }
    }

    /** Starts a wait, announced by {@link #waitingLine}{@code (holdSeconds)}; the result completes on the release. */
    CompletableFuture<Void> arm(int holdSeconds) {
        CompletableFuture<Void> w = new CompletableFuture<>();
        line = waitingLine(holdSeconds);
        waiting = w;
        return w;
    }

    /** The {@code >HOLD:} line of the current wait, or null when none waits. */
    String line() {
        return waiting() ? line : null;
    }

    /** Waits up to {@code millis} for the release; true if it came. */
    boolean await(long millis) throws InterruptedException {
        CompletableFuture<Void> w = waiting;
        if (w == null) {
            return true;
        }
        try {
            w.get(millis, TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return true;
        }
    }
}

package dev.culvert.vpn.hook;

import java.time.Duration;

/**
 * Runs a task once, later, on a control thread: how a deferred script's verdict is looked for
 * without a thread of its own and never on a data-plane thread. The server hands in its control
 * executor's timer. A task the timer cannot run (the executor is full or closed) is simply lost;
 * whoever waits on its result has a deadline of its own.
 */
@FunctionalInterface
public interface ControlTimer {
    void after(Duration delay, Runnable task);
}

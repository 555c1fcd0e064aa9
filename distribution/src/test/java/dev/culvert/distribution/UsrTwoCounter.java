package dev.culvert.distribution;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import sun.misc.Signal;

/**
 * A child JVM for {@link LauncherIT}: it handles SIGUSR2 as the node does, keeps a thread busy in
 * Java code for a bounded time (what a profiler samples), and prints how often the handler ran.
 */
public final class UsrTwoCounter {
    private UsrTwoCounter() {
    }

    public static void main(String[] args) {
        AtomicInteger handled = new AtomicInteger();
        Signal.handle(new Signal("USR2"), s -> handled.incrementAndGet());
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1_500);
        double sum = 0;
        while (System.nanoTime() < end) {
            sum += Math.sqrt(sum + 1);
        }
        System.out.println("usr2 handled " + handled.get() + (sum > 0 ? "" : "!"));
    }
}

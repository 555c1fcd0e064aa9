package dev.culvert.core.worker;

import dev.culvert.core.io.nativeio.NativeIoException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * A worker's loop under supervision: runs turns while the worker runs; a turn that throws is
 * counted, logged and followed by a {@link Backoff} pause, then the loop goes on. After
 * {@link Worker#MAX_RESTARTS_IN_ROW} failures without a good turn between them it restarts no
 * more and hands the last cause to {@code giveUp}; so does an {@link Error} (other than an
 * assertion) at once, since a restart would not mend it.
 */
final class RestartingLoop {
    private static final System.Logger LOG = System.getLogger(Worker.class.getName());

    /** One turn of the loop: a wait in epoll and the work it found. */
    @FunctionalInterface
    interface Turn {
        void run() throws NativeIoException;
    }

    private final String name;
    private final Turn turn;
    private final BooleanSupplier running;
    private final Consumer<Throwable> giveUp;
    private final LongAdder restarts = new LongAdder();

    RestartingLoop(String name, Turn turn, BooleanSupplier running, Consumer<Throwable> giveUp) {
        this.name = name;
        this.turn = turn;
        this.running = running;
        this.giveUp = giveUp;
    }

    /** Runs until {@code running} turns false, or until the loop failed too often in a row. */
    void run() {
        Backoff inRow = new Backoff();
        while (running.getAsBoolean()) {
            try {
                turn.run();
                inRow.succeeded();
            } catch (NativeIoException | RuntimeException | AssertionError e) {
                restarts.increment();
                long pause = inRow.failed(System.nanoTime());
                if (inRow.failuresInRow() > Worker.MAX_RESTARTS_IN_ROW) {
                    LOG.log(System.Logger.Level.ERROR, name + ": the loop failed " + inRow.failuresInRow()
                            + " times in a row, last with " + e + "; the worker stops and the node with it", e);
                    giveUp.accept(e);
                    return;
                }
                LOG.log(System.Logger.Level.ERROR, name + ": the loop failed (" + e + "); restarting it in "
                        + TimeUnit.NANOSECONDS.toMillis(pause) + " ms (failure " + inRow.failuresInRow() + " in a row; "
                        + Worker.MAX_RESTARTS_IN_ROW + " are restarted)", e);
                pause(pause);
            } catch (Error e) {
                // Out of memory, a stack overflow, a broken class path: restarting would not help.
                restarts.increment();
                LOG.log(System.Logger.Level.ERROR, name + ": the loop failed with " + e
                        + ", which a restart does not mend; the worker stops and the node with it", e);
                giveUp.accept(e);
                return;
            }
        }
    }

    /** Times a turn failed, the last failure of a loop that gave up included. */
    long restarts() {
        return restarts.sum();
    }

    /** Waits out a pause; a stop ends it early (the worker unparks its thread). */
    private void pause(long nanos) {
        long end = System.nanoTime() + nanos;
        for (long left = nanos; running.getAsBoolean() && left > 0; left = end - System.nanoTime()) {
            LockSupport.parkNanos(this, left);
        }
    }
}

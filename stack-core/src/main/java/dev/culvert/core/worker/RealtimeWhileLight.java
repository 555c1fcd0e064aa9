package dev.culvert.core.worker;

import dev.culvert.core.io.nativeio.ThreadCpuClock;
import dev.culvert.core.io.nativeio.ThreadScheduling;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * Keeps a worker in the kernel's realtime class while it is light and in the normal class while
 * it is busy.
 *
 * <p>Why: on a loaded machine a packet that wakes a normal-class worker waits for a core behind
 * whatever else is runnable there (the TLS handshakes of a connect storm, the JIT compiler, other
 * programs), for up to the scheduler's time slice. A realtime worker runs as soon as its packet
 * arrives. A realtime thread that never sleeps would take a core from everything else, though, so
 * the worker measures its own CPU time over each {@link #WINDOW_NANOS} of wall time: above
 * {@link #BUSY_SHARE} of a core it moves to the normal class at once, and it moves back once it has
 * stayed below {@link #LIGHT_SHARE} for {@link #LIGHT_NANOS_TO_RETURN}. Forwarding a quiet tunnel
 * or a few VoIP calls takes a few per cent of a core; bulk transfer takes it all and then shares
 * the core as any thread does. (Realtime that ends when its user gets busy is the idea of Con
 * Kolivas's SCHED_ISO.)
 *
 * <p>Where the process may not take the realtime class (no CAP_SYS_NICE, an {@code RLIMIT_RTPRIO}
 * of 0) the worker runs in the normal class; the first refusal in the process is logged with the
 * fix, and each is counted. One instance belongs to one worker and is used on its thread only.
 */
final class RealtimeWhileLight {
    static final long WINDOW_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    /** The share of one core above which a window counts as busy. */
    static final double BUSY_SHARE = 0.2;
    /** The share of one core below which a window counts as light. */
    static final double LIGHT_SHARE = 0.1;
    static final long LIGHT_NANOS_TO_RETURN = TimeUnit.SECONDS.toNanos(1);
    private static final System.Logger LOG = System.getLogger(RealtimeWhileLight.class.getName());
    private static final AtomicBoolean REFUSAL_LOGGED = new AtomicBoolean();

    /** What the worker's thread can do: move itself between the classes and read its CPU time. */
    interface ThreadControl {
        /** Null on success, else why not. */
        String toRealtime();

        /** Null on success, else why not. */
        String toNormal();

        /** This thread's CPU time, or -1 if it cannot be read. */
        long cpuNanos();
    }

    enum State {
        /** Realtime was not asked for, or the process may not take it. */
        NORMAL_ALWAYS,
        REALTIME,
        /** Moved to the normal class for being busy; returns when light again. */
        NORMAL_WHILE_BUSY
    }

    private final String worker;
    private final ThreadControl thread;
    private final LongAdder refusals;
    private final LongAdder demotions;
    private final LongAdder returns;
    private volatile State state = State.NORMAL_ALWAYS;
    private long windowStart;
    private long cpuAtWindowStart;
    private long lightNanos;

    RealtimeWhileLight(String worker, ThreadControl thread, LongAdder refusals, LongAdder demotions, LongAdder returns) {
        this.worker = worker;
        this.thread = thread;
        this.refusals = refusals;
        this.demotions = demotions;
        this.returns = returns;
    }

    /** The native thread: {@link ThreadScheduling} and a {@link ThreadCpuClock}; made on the worker's own thread. */
    static ThreadControl nativeThread() {
        ThreadCpuClock clock = new ThreadCpuClock();
        return new ThreadControl() {
            @Override
            public String toRealtime() {
                return ThreadScheduling.toRoundRobin(Workers.REALTIME_PRIORITY);
            }

            @Override
            public String toNormal() {
                return ThreadScheduling.toNormal();
            }

            @Override
            public long cpuNanos() {
                return clock.nanos();
            }
        };
    }

    State state() {
        return state;
    }

    /** On the worker's thread as it starts: takes the realtime class if {@code wanted} and allowed. */
    void start(boolean wanted, long now) {
        if (!wanted) {
            return;
        }
        if (thread == null) {
            refused("no native access");
            return;
        }
        long cpu = thread.cpuNanos();
        if (cpu < 0) {
            refused("its CPU time cannot be read, so it could not step down when busy");
            return;
        }
        String problem = thread.toRealtime();
        if (problem != null) {
            refused(problem);
            return;
        }
        state = State.REALTIME;
        windowStart = now;
        cpuAtWindowStart = cpu;
        LOG.log(System.Logger.Level.DEBUG, () -> worker + " runs in the realtime class while it uses at most a fifth of a core");
    }

    /** On the worker's thread, once per turn of its loop: closes a window when one is due, and moves the thread if it must. */
    void tick(long now) {
        if (state == State.NORMAL_ALWAYS || now - windowStart < WINDOW_NANOS) {
            return;
        }
        long cpu = thread.cpuNanos();
        if (cpu < 0) {
            // Blind to its own load, the worker must not keep the realtime class.
            thread.toNormal();
            state = State.NORMAL_ALWAYS;
            refused("its CPU time can no longer be read, so it could not step down when busy");
            return;
        }
        long wall = now - windowStart;
        double share = (double) (cpu - cpuAtWindowStart) / wall;
        windowStart = now;
        cpuAtWindowStart = cpu;
        if (state == State.REALTIME) {
            if (share > BUSY_SHARE) {
                String problem = thread.toNormal();
                if (problem != null) {
                    // Leaving the realtime class needs no privilege; if even that fails, stay and say so.
                    LOG.log(System.Logger.Level.WARNING, worker + " is busy but could not leave the realtime class: " + problem);
                    return;
                }
                state = State.NORMAL_WHILE_BUSY;
                lightNanos = 0;
                demotions.increment();
            }
            return;
        }
        lightNanos = share < LIGHT_SHARE ? lightNanos + wall : 0;
        if (lightNanos >= LIGHT_NANOS_TO_RETURN) {
            String problem = thread.toRealtime();
            if (problem != null) {
                state = State.NORMAL_ALWAYS;
                refused(problem);
                return;
            }
            state = State.REALTIME;
            returns.increment();
        }
    }

    private void refused(String problem) {
        refusals.increment();
        if (REFUSAL_LOGGED.compareAndSet(false, true)) {
            LOG.log(System.Logger.Level.WARNING, worker + " runs in the normal scheduling class, not the realtime one (" + problem
                    + "), so under load its packets wait for a core behind other threads. To fix: run the node as root, or give it"
                    + " CAP_SYS_NICE or LimitRTPRIO=1 (systemd/culvert@.service sets LimitRTPRIO=1); or say"
                    + " 'culvert-worker-scheduling normal' to choose the normal class and silence this line");
        }
    }
}

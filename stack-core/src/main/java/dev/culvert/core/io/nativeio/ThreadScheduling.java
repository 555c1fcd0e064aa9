package dev.culvert.core.io.nativeio;

import java.nio.ByteBuffer;

/**
 * Moves the calling thread between Linux's round-robin realtime class ({@code SCHED_RR}) and the
 * normal one ({@code SCHED_OTHER}), per thread: Linux applies {@code sched_setscheduler} with a
 * thread id to that thread alone. A thread in the realtime class runs as soon as it is runnable,
 * ahead of every normal thread on the machine; taking that class needs CAP_SYS_NICE or an
 * {@code RLIMIT_RTPRIO} at least as high as the priority, leaving it needs nothing.
 *
 * <p>The realtime class is asked for with {@code SCHED_RESET_ON_FORK}, so a thread or process the
 * caller starts begins in the normal class instead of inheriting the caller's.
 */
public final class ThreadScheduling {
    /** The normal class. */
    public static final int SCHED_OTHER = 0;
    /** The round-robin realtime class. */
    public static final int SCHED_RR = 2;
    /** What {@link #policy()} returns where the class cannot be read. */
    public static final int UNKNOWN = -1;
    private static final int SCHED_RESET_ON_FORK = 0x40000000;
    private static final int RLIMIT_RTPRIO = 14;
    private static final long RLIM_INFINITY = -1L;

    private ThreadScheduling() {
    }

    /** Puts this thread in the round-robin realtime class at {@code priority} (1 to 99); null on success, else why not. */
    public static String toRoundRobin(int priority) {
        if (priority < 1 || priority > 99) {
            throw new IllegalArgumentException("realtime priority " + priority + ": must be 1..99");
        }
        return set(SCHED_RR | SCHED_RESET_ON_FORK, priority);
    }

    /** Puts this thread back in the normal class, at the nice value it had; null on success, else why not. */
    public static String toNormal() {
        return set(SCHED_OTHER, 0);
    }

    private static String set(int policy, int priority) {
        return Native.whyNot("sched_setscheduler", () -> {
            LibC c = Native.libc();
            ByteBuffer param = Native.struct(Integer.BYTES);
            param.putInt(0, priority);
            return c.sched_setscheduler(c.gettid(), policy, Native.address(param));
        });
    }

    /** This thread's class ({@link #SCHED_OTHER}, {@link #SCHED_RR}, ...), or {@link #UNKNOWN}. */
    public static int policy() {
        try {
            LibC c = Native.libc();
            int policy = c.sched_getscheduler(c.gettid());
            return policy < 0 ? UNKNOWN : policy & ~SCHED_RESET_ON_FORK;
        } catch (RuntimeException | LinkageError e) {
            return UNKNOWN;
        }
    }

    /**
     * Raises the process's {@code RLIMIT_RTPRIO} to at least {@code priority} while it may (as root,
     * before it gives root up), so that a thread may still take the realtime class at that priority
     * once it runs as an unprivileged user. Null on success or where the limit already allows it,
     * else why not.
     */
    public static String allowRealtimeWithoutPrivilege(int priority) {
        try {
            LibC c = Native.libc();
            ByteBuffer limit = Native.struct(2 * Long.BYTES);
            long address = Native.address(limit);
            if (c.getrlimit(RLIMIT_RTPRIO, address) != 0) {
                return "getrlimit(RLIMIT_RTPRIO): " + Native.describe(Native.errno());
            }
            long soft = limit.getLong(0);
            long hard = limit.getLong(Long.BYTES);
            if (soft == RLIM_INFINITY || soft >= priority) {
                return null;
            }
            limit.putLong(0, priority);
            limit.putLong(Long.BYTES, hard == RLIM_INFINITY ? hard : Math.max(hard, priority));
            if (c.setrlimit(RLIMIT_RTPRIO, address) != 0) {
                return "setrlimit(RLIMIT_RTPRIO, " + priority + "): " + Native.describe(Native.errno());
            }
            return null;
        } catch (RuntimeException | LinkageError e) {
            return "no native access: " + e;
        }
    }
}

package dev.culvert.vpn.hook;

import java.io.File;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;

/**
 * Runs hook scripts without waiting for them on the caller's thread: a script is started (a
 * fork, quick) and its end arrives as a completed future from the JDK's process reaper. A script
 * that outlives its time limit is killed with its children and reported as timed out, so a
 * hanging script delays only the client it was run for. At most {@link #maxRunning} run at once;
 * the rest wait in order, their wait counted in their time limit, so a connect storm cannot fork
 * without bound.
 *
 * <p>A script gets only the environment it is given (2.6 hands its scripts its own variable set,
 * not the process's environment), reads nothing ({@code /dev/null}) and writes to the node's
 * standard output and error, as 2.6's scripts write to its.
 */
public final class ScriptRunner {
    /** How a run ended: an exit code, or why there is none. */
    public record Outcome(int exitCode, boolean timedOut, String startFailure) {
        public boolean exitedWith(int code) {
            return !timedOut && startFailure == null && exitCode == code;
        }

        /** For the log: "exited 1", "did not finish within 10 s and was killed", "could not start: ...". */
        public String describe(Duration limit) {
            if (startFailure != null) {
                return "could not start: " + startFailure;
            }
            return timedOut ? "did not finish within " + limit.toSeconds() + " s and was killed" : "exited " + exitCode;
        }
    }

    private record Job(List<String> argv, Map<String, String> env, Duration limit, long queuedNanos, CompletableFuture<Outcome> result) {
    }

    private final int maxRunning;
    private final ArrayDeque<Job> waiting = new ArrayDeque<>();
    private final LongAdder started = new LongAdder();
    private final LongAdder timedOut = new LongAdder();
    private int running;

    public ScriptRunner(int maxRunning) {
        if (maxRunning < 1) {
            throw new IllegalArgumentException("maxRunning " + maxRunning);
        }
        this.maxRunning = maxRunning;
    }

    /** Runs {@code argv} with exactly {@code env}; the future completes when it ended, was killed, or could not start. */
    public CompletableFuture<Outcome> run(List<String> argv, Map<String, String> env, Duration limit) {
        Job job = new Job(List.copyOf(argv), Map.copyOf(env), limit, System.nanoTime(), new CompletableFuture<>());
        boolean startNow;
        synchronized (this) {
            startNow = running < maxRunning;
            if (startNow) {
                running++;
            } else {
                waiting.add(job);
            }
        }
        if (startNow) {
            start(job);
        }
        return job.result();
    }

    private void start(Job first) {
        Job job = first;
        long left = job.limit().toNanos() - (System.nanoTime() - job.queuedNanos());
        // Jobs whose time ran out while they waited end here, in a loop rather than by recursion.
        while (left <= 0) {
            timedOut.increment();
            job = next(job, new Outcome(-1, true, null));
            if (job == null) {
                return;
            }
            left = job.limit().toNanos() - (System.nanoTime() - job.queuedNanos());
        }
        Job current = job;
        ProcessBuilder builder = new ProcessBuilder(job.argv())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().clear();
        builder.environment().putAll(job.env());
        Process process;
        try {
            process = builder.start();
        } catch (IOException | RuntimeException e) {
            finish(current, new Outcome(-1, false, e.getMessage()));
            return;
        }
        started.increment();
        process.onExit().orTimeout(left, TimeUnit.NANOSECONDS).whenComplete((p, failure) -> {
            if (failure instanceof TimeoutException) {
                timedOut.increment();
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                finish(current, new Outcome(-1, true, null));
            } else if (failure != null) {
                finish(current, new Outcome(-1, false, failure.toString()));
            } else {
                finish(current, new Outcome(p.exitValue(), false, null));
            }
        });
    }

    private void finish(Job job, Outcome outcome) {
        Job next = next(job, outcome);
        if (next != null) {
            start(next);
        }
    }

    /** Completes {@code job} and hands its turn to the next waiting one, which the caller starts; null if none waits. */
    private Job next(Job job, Outcome outcome) {
        Job next;
        synchronized (this) {
            next = waiting.poll();
            if (next == null) {
                running--;
            }
        }
        job.result().complete(outcome);
        return next;
    }

    /** Scripts started so far. */
    public long started() {
        return started.sum();
    }

    /** Scripts killed (or never started) because their time ran out. */
    public long timedOut() {
        return timedOut.sum();
    }

    /** Scripts waiting for a turn. */
    public synchronized int waiting() {
        return waiting.size();
    }
}

package dev.culvert.vpn.server;

import dev.culvert.core.slot.Slot;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One hook slot as a server uses it: the configuration's script bound while the server runs,
 * ranked below any module's so that a module dropped into {@code deploy/} answers instead and the
 * script again once it leaves ({@code culvert:swap} keeps one chosen), and a log line each time
 * the one that answers changes.
 *
 * @param <T> the hook's SPI type
 */
final class HookSlot<T> implements AutoCloseable {
    /** The configuration's scripts' ranking: below a module's default 0. */
    static final int SCRIPT_RANKING = -1000;
    private static final System.Logger LOG = System.getLogger(HookSlot.class.getName());

    private final Slot<T> slot;
    private final T script;
    private final Function<T, String> naming;
    private final String what;
    private final Runnable stopFollowing;
    private String answering;
    private volatile boolean everAnswered;

    /**
     * @param script the configuration's implementation, or null
     * @param what   what the hook does, for the log: "usernames and passwords are checked"
     */
    HookSlot(Slot<T> slot, T script, Function<T, String> naming, String what) {
        this.slot = slot;
        this.script = script;
        this.naming = naming;
        this.what = what;
        if (script != null) {
            slot.bind(script, naming.apply(script), SCRIPT_RANKING);
        }
        stopFollowing = slot.onChange(s -> noteWhoAnswers());
        noteWhoAnswers();
    }

    /** Whether an implementation was bound at some time since this server started. */
    boolean everAnswered() {
        return everAnswered;
    }

    /** The implementation that answers now, if any. */
    Optional<T> active() {
        return slot.active();
    }

    private synchronized void noteWhoAnswers() {
        String now = slot.active().map(naming).orElse(null);
        if (Objects.equals(now, answering)) {
            return;
        }
        answering = now;
        everAnswered |= now != null;
        LOG.log(System.Logger.Level.INFO, now == null ? what + " by nothing: no implementation is bound any more" : what + " by " + now);
    }

    /**
     * Calls a hook and bounds its answer by {@code limit}: an exception thrown by the call, a stage
     * that fails, and one that does not complete in time all become a failed future.
     */
    static <R> CompletableFuture<R> ask(Supplier<CompletionStage<R>> call, Duration limit) {
        CompletableFuture<R> asked;
        try {
            asked = call.get().toCompletableFuture();
        } catch (RuntimeException e) {
            asked = CompletableFuture.failedFuture(e);
        }
        return asked.orTimeout(limit.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public void close() {
        stopFollowing.run();
        if (script != null) {
            slot.unbind(script);
        }
    }
}

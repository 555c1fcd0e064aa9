package dev.culvert.core.tlscheck;

/**
 * What one engine's handshake learns that must not land in the objects its SSLContext shares with
 * other engines: the trust manager's first refusal, and what a provider adds in a subclass (bc: the
 * TLS 1.3 exporter secret).
 *
 * <p>Why a thread binding: a provider builds one SSLContext per set of settings, so the trust
 * manager and the TLS crypto serve every engine of a server at once, and their callbacks are not
 * told which engine they work for (or are told the provider's own engine, not ours). The
 * providers' engines do their handshake work inside {@code wrap}, {@code unwrap} and delegated
 * tasks, on the calling thread; {@link ForwardingSSLEngine} binds its record around each of these
 * calls, so a shared callback finds the record of the engine it works for in {@link #bound()}.
 */
public class EngineRecord {
    private static final ThreadLocal<EngineRecord> BOUND = new ThreadLocal<>();

    private volatile String refusal;

    /** The record of the engine this thread is working for, or null outside any engine's call. */
    public static EngineRecord bound() {
        return BOUND.get();
    }

    /** Runs {@code work} with this record bound to the thread; a record bound before is bound again after. */
    public final <T, E extends Exception> T within(Work<T, E> work) throws E {
        EngineRecord previous = BOUND.get();
        BOUND.set(this);
        try {
            return work.run();
        } finally {
            if (previous == null) {
                BOUND.remove();
            } else {
                BOUND.set(previous);
            }
        }
    }

    /** A call into a provider's engine. */
    @FunctionalInterface
    public interface Work<T, E extends Exception> {
        T run() throws E;
    }

    /** {@code task} made to run with this record bound (a provider's delegated task). */
    public final Runnable within(Runnable task) {
        return task == null ? null : () -> within(() -> {
            task.run();
            return null;
        });
    }

    /** Why the peer's certificate was refused, or null if it was not (or not yet checked). */
    public String refusal() {
        return refusal;
    }

    /** Keeps {@code problem} unless an earlier refusal is kept: the first is the one an operator needs. */
    void refuse(String problem) {
        if (refusal == null) {
            refusal = problem;
        }
    }
}

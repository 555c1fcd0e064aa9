package dev.culvert.vpn.server;

import dev.culvert.core.slot.Slot;
import dev.culvert.core.slot.SlotNames;
import dev.culvert.core.slot.SlotRegistry;
import dev.culvert.spi.hook.AuthRequest;
import dev.culvert.spi.hook.AuthVerdict;
import dev.culvert.spi.hook.ClientAuthenticator;
import dev.culvert.vpn.config.UserAuthConfig;
import dev.culvert.vpn.hook.ScriptAuthenticator;
import dev.culvert.vpn.hook.ScriptEnvironment;
import dev.culvert.vpn.hook.ScriptRunner;
import dev.culvert.vpn.keys.Credentials;
import dev.culvert.vpn.keys.PeerInfo;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;

/**
 * Asks the {@code auth} slot's active authenticator about a client's username and password, and
 * turns whatever happens (an answer, an exception, no answer in time, no authenticator at all)
 * into a verdict. The configuration's {@code auth-user-pass-verify} script is bound into the slot
 * while the server runs, ranked below any module's, so an authenticator bundle dropped into
 * {@code deploy/} takes over and the script answers again once it leaves ({@code culvert:swap auth
 * script} keeps the script active).
 */
final class CredentialCheck implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(CredentialCheck.class.getName());
    /** The script's ranking: below a module's default 0, so a module's authenticator outranks it. */
    static final int SCRIPT_RANKING = -1000;
    /** Scripts that may run at once; more wait their turn (2.6 runs one at a time). */
    private static final int SCRIPTS_AT_ONCE = 8;

    /** An answer and who gave it. */
    record Verdict(AuthVerdict verdict, String by) {
    }

    private final Slot<ClientAuthenticator> slot;
    private final UserAuthConfig config;
    private final ScriptAuthenticator script;
    private final Duration limit;
    private final LongAdder accepted = new LongAdder();
    private final LongAdder refused = new LongAdder();
    private final LongAdder timedOut = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final Runnable stopFollowing;
    /** The name last logged as answering, so that a swap is logged once. */
    private String answering;

    /**
     * @param limit how long an authenticator may take before its silence counts as a refusal
     * @param node  the node's own script variables ({@code dev}, ...)
     */
    CredentialCheck(UserAuthConfig config, SlotRegistry registry, Duration limit, Map<String, String> node) {
        this.slot = registry.slot(SlotNames.AUTH, ClientAuthenticator.class);
        this.config = config;
        this.limit = limit;
        this.script = config.verify().map(v -> new ScriptAuthenticator(v.command(), v.method(), config.passwordInEnvironment(),
                config.tmpDir(), new ScriptEnvironment(node), new ScriptRunner(SCRIPTS_AT_ONCE), limit)).orElse(null);
        if (script != null) {
            slot.bind(script, ScriptAuthenticator.NAME, SCRIPT_RANKING);
        }
        stopFollowing = slot.onChange(s -> noteWhoAnswers());
        noteWhoAnswers();
    }

    /** Logs which authenticator answers now, once per change, so that an operator sees a module take over or leave. */
    private synchronized void noteWhoAnswers() {
        String now = slot.active().map(ClientAuthenticator::name).orElse(null);
        if (java.util.Objects.equals(now, answering)) {
            return;
        }
        answering = now;
        LOG.log(System.Logger.Level.INFO, now == null ? "usernames and passwords are not checked: no authenticator is bound"
                : "usernames and passwords are checked by " + now);
    }

    /** Whether new sessions wait for a verdict on every key: a script is configured or a module's authenticator is bound. */
    boolean checking() {
        return slot.active().isPresent();
    }

    /**
     * Asks about {@code credentials}, which this wipes; the future never fails. {@code commonName}
     * is the certificate's, or empty.
     */
    CompletableFuture<Verdict> check(String commonName, Credentials credentials, InetSocketAddress remote, PeerInfo info, int keyId) {
        String username = credentials.username();
        AuthRequest request = new AuthRequest(commonName, username, credentials.password().clone(), remote, info.asMap(), keyId);
        credentials.wipe();
        if (username.isEmpty() && !config.userPassOptional()) {
            request.wipe();
            refused.increment();
            return CompletableFuture.completedFuture(new Verdict(AuthVerdict.deny("the client sent no username and password"
                    + " (auth-user-pass-optional is off)"), "the server"));
        }
        ClientAuthenticator authenticator = slot.active().orElse(null);
        if (authenticator == null) {
            request.wipe();
            refused.increment();
            return CompletableFuture.completedFuture(new Verdict(AuthVerdict.deny("no authenticator is bound any more"
                    + " (the module that checked passwords left)"), "the server"));
        }
        String by = authenticator.name();
        CompletableFuture<AuthVerdict> asked;
        try {
            asked = authenticator.authenticate(request).toCompletableFuture();
        } catch (RuntimeException e) {
            asked = CompletableFuture.failedFuture(e);
        }
        return asked.orTimeout(limit.toNanos(), TimeUnit.NANOSECONDS).handle((verdict, failure) -> {
            request.wipe();
            Verdict v = new Verdict(answer(verdict, failure), by);
            (v.verdict().accepted() ? accepted : refused).increment();
            return v;
        });
    }

    private AuthVerdict answer(AuthVerdict verdict, Throwable failure) {
        Throwable cause = failure instanceof CompletionException c && c.getCause() != null ? c.getCause() : failure;
        if (cause instanceof TimeoutException) {
            timedOut.increment();
            return AuthVerdict.deny("no answer within " + limit.toSeconds() + " s");
        }
        if (cause != null) {
            failed.increment();
            return AuthVerdict.deny("the authenticator failed: " + cause);
        }
        return verdict != null ? verdict : AuthVerdict.deny("the authenticator answered nothing");
    }

    /** For the stop summary and status: "accepted 3, refused 1 (1 timed out, 0 failed)". */
    String counters() {
        return "accepted " + accepted.sum() + ", refused " + refused.sum() + " (" + timedOut.sum() + " timed out, "
                + failed.sum() + " failed)";
    }

    long refused() {
        return refused.sum();
    }

    @Override
    public void close() {
        stopFollowing.run();
        if (script != null) {
            slot.unbind(script);
        }
    }
}

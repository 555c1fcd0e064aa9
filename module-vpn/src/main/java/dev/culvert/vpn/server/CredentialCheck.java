package dev.culvert.vpn.server;

import dev.culvert.core.slot.SlotNames;
import dev.culvert.core.slot.SlotRegistry;
import dev.culvert.spi.hook.AuthRequest;
import dev.culvert.spi.hook.AuthVerdict;
import dev.culvert.spi.hook.ClientAuthenticator;
import dev.culvert.vpn.config.UserAuthConfig;
import dev.culvert.vpn.hook.ControlTimer;
import dev.culvert.vpn.hook.ScriptAuthenticator;
import dev.culvert.vpn.hook.Scripts;
import dev.culvert.vpn.keys.Credentials;
import dev.culvert.vpn.keys.PeerInfo;
import dev.culvert.vpn.token.AuthToken;
import dev.culvert.vpn.token.SessionTokens;
import java.nio.charset.StandardCharsets;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;

/**
 * Asks the {@code auth} slot's active authenticator about a client's username and password, and
 * turns whatever happens (an answer, an exception, no answer in time, no authenticator at all)
 * into a verdict. The configuration's {@code auth-user-pass-verify} script is bound into the slot
 * while the server runs ({@link HookSlot}), so an authenticator bundle dropped into
 * {@code deploy/} takes over and the script answers again once it leaves.
 */
final class CredentialCheck implements AutoCloseable {
    /**
     * An answer and who gave it; {@code session}: the auth-token session an accepted token
     * belongs to (its renewals keep its id and first time), else null.
     */
    record Verdict(AuthVerdict verdict, String by, AuthToken session) {
        Verdict(AuthVerdict verdict, String by) {
            this(verdict, by, null);
        }
    }

    private record Asking(long clientId, int keyId) {
    }

    private final HookSlot<ClientAuthenticator> slot;
    /** The questions an authenticator has not answered yet, so a client that leaves can withdraw its own. */
    private final Map<Asking, CompletableFuture<AuthVerdict>> asking = new ConcurrentHashMap<>();
    private final UserAuthConfig config;
    private final SessionTokens tokens;
    private final Duration limit;
    private final LongAdder accepted = new LongAdder();
    private final LongAdder refused = new LongAdder();
    private final LongAdder timedOut = new LongAdder();
    private final LongAdder failed = new LongAdder();

    /** Without auth-gen-token; a deferred script's verdict is looked for on the JDK's delayed executor (tests). */
    CredentialCheck(UserAuthConfig config, SlotRegistry registry, Scripts scripts) {
        this(config, registry, scripts, null, scripts.limit(),
                (delay, task) -> CompletableFuture.delayedExecutor(delay.toNanos(), TimeUnit.NANOSECONDS).execute(task));
    }

    /**
     * @param tokens         auth-gen-token's tokens, checked here instead of asking the authenticator; null without it
     * @param deferralWindow how long a deferred auth-user-pass-verify verdict may take
     * @param timer          the control timer a deferred verdict's file is looked at on
     */
    CredentialCheck(UserAuthConfig config, SlotRegistry registry, Scripts scripts, SessionTokens tokens, Duration deferralWindow,
                    ControlTimer timer) {
        this.tokens = tokens;
        this.config = config;
        this.limit = scripts.limit();
        ClientAuthenticator script = config.verify().map(v -> new ScriptAuthenticator(v.command(), v.method(),
                config.passwordInEnvironment(), scripts, deferralWindow, timer)).orElse(null);
        this.slot = new HookSlot<>(registry.slot(SlotNames.AUTH, ClientAuthenticator.class), script, ClientAuthenticator::name,
                "usernames and passwords are checked");
    }

    /**
     * Whether new sessions wait for a verdict on every key: an authenticator is bound, or one was
     * while this server ran. The check fails closed: while a module is updated, clients are refused,
     * not let in on their certificates alone.
     */
    boolean checking() {
        return slot.active().isPresent() || slot.everAnswered();
    }

    /**
     * Asks about {@code credentials}, which this wipes; the future never fails. {@code commonName}
     * is the certificate's, or empty.
     */
    CompletableFuture<Verdict> check(long clientId, String commonName, Credentials credentials, InetSocketAddress remote, PeerInfo info, int keyId) {
        String username = credentials.username();
        AuthRequest request = new AuthRequest(clientId, commonName, username, credentials.password().clone(), remote, info.asMap(), keyId);
        credentials.wipe();
        if (username.isEmpty() && !config.userPassOptional()) {
            request.wipe();
            refused.increment();
            return CompletableFuture.completedFuture(new Verdict(AuthVerdict.deny("the client sent no username and password"
                    + " (auth-user-pass-optional is off)"), "the server"));
        }
        if (tokens != null && AuthToken.looksLikeOne(request.password())) {
            // A token, not a password: it may become a String.
            SessionTokens.Check c = tokens.check(username, new String(request.password(), StandardCharsets.UTF_8));
            request.wipe();
            (c.valid() ? accepted : refused).increment();
            // 2.6 lets a valid token in by itself and refuses an invalid one without asking anyone.
            return CompletableFuture.completedFuture(c.valid()
                    ? new Verdict(AuthVerdict.accept("Username/auth-token authentication succeeded"), "auth-gen-token", c.token())
                    : new Verdict(AuthVerdict.deny("Username/auth-token authentication failed: " + c.why()), "auth-gen-token"));
        }
        ClientAuthenticator authenticator = slot.active().orElse(null);
        if (authenticator == null) {
            request.wipe();
            refused.increment();
            return CompletableFuture.completedFuture(new Verdict(AuthVerdict.deny("no authenticator is bound any more"
                    + " (the module that checked passwords left)"), "the server"));
        }
        String by = authenticator.name();
        Asking key = new Asking(clientId, keyId);
        CompletableFuture<AuthVerdict> asked = HookSlot.ask(() -> authenticator.authenticate(request), limit);
        asking.put(key, asked);
        return asked.handle((verdict, failure) -> {
            asking.remove(key, asked);
            request.wipe();
            Verdict v = new Verdict(answer(verdict, failure), by);
            (v.verdict().accepted() ? accepted : refused).increment();
            return v;
        });
    }

    /**
     * The client left: its questions still waiting are withdrawn, so that an authenticator stops
     * waiting for them (a deferred script's files go at once) and their answers are dropped.
     */
    void forget(long clientId) {
        asking.forEach((key, asked) -> {
            if (key.clientId() == clientId) {
                asked.cancel(false);
            }
        });
    }

    private AuthVerdict answer(AuthVerdict verdict, Throwable failure) {
        Throwable cause = failure instanceof CompletionException c && c.getCause() != null ? c.getCause() : failure;
        if (cause instanceof CancellationException) {
            return AuthVerdict.deny("the client left before the verdict");
        }
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

    /** auth-gen-token's tokens, or null. */
    SessionTokens tokens() {
        return tokens;
    }

    @Override
    public void close() {
        slot.close();
        if (tokens != null) {
            tokens.close();
        }
    }
}

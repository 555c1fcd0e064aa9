package dev.culvert.vpn.auth;

import dev.culvert.spi.config.ConfigException;
import dev.culvert.vpn.keys.Credentials;
import dev.culvert.vpn.session.ClientCredentials;

/**
 * A running client's username and password, as 2.6 keeps them (ssl.c {@code auth_user_pass},
 * {@code auth_token}): read once at start; sent in every key-method-2 message, or, once the
 * server pushed an {@code auth-token}, the token in the password's place; with
 * {@code auth-nocache} the password is forgotten once the first PUSH_REPLY is in (and after each
 * later use) and read again, from the file or the terminal, when it is next needed. After
 * {@code AUTH_FAILED} a token is dropped first (the next attempt sends the password again);
 * otherwise {@code auth-retry} decides. With {@code management-query-passwords} ({@link #askManagement})
 * what the file does not give comes from a management client instead ({@link #answered}), asked
 * for whenever {@link #needsAnswer} says so. Every copy handed out is the receiver's to wipe.
 */
public final class UserPassAuth implements ClientCredentials {
    /** What the client does after {@code AUTH_FAILED}. */
    public enum Next { EXIT, RETRY }

    private final AuthSettings settings;
    private final Terminal terminal;
    private Credentials password;
    private Credentials token;
    /** The username last sent with the password: a token without {@code auth-token-user} goes with it. */
    private String username;
    private boolean fileTokenTaken;
    private boolean connected;
    /** management-query-passwords, where the file or the terminal would otherwise be read. */
    private boolean viaManagement;

    /** {@code terminal} is null where there is none; nothing is read until {@link #prepare()}. */
    public UserPassAuth(AuthSettings settings, Terminal terminal) {
        this.settings = settings;
        this.terminal = terminal;
    }

    /** Whether key method 2 carries a username and password ({@code auth-user-pass}). */
    public boolean sendsCredentials() {
        return settings.source() != null;
    }

    /**
     * Makes sure the next {@link #next()} has what it sends: reads the file or block, or asks the
     * terminal, if the password is not kept (at start, after {@code auth-nocache} or
     * {@code auth-retry interact}). Called before each connection; errors name the line and the fix.
     */
    public synchronized void prepare() throws ConfigException {
        if (!sendsCredentials() || token != null || password != null || viaManagement) {
            return;
        }
        take(settings.source().read(terminal));
    }

    /**
     * {@code management-query-passwords}: if the file (or its absence) leaves something to ask for,
     * it is asked of a management client from now on, never the terminal. Returns whether it is.
     */
    public synchronized boolean askManagement() throws ConfigException {
        viaManagement = sendsCredentials() && settings.source().managementAsks();
        return viaManagement;
    }

    /** Whether the next connection waits for a management client's username and password. */
    public synchronized boolean needsAnswer() {
        return viaManagement && token == null && password == null;
    }

    /** The username and password a management client gave; they are copied. */
    public synchronized void answered(Credentials given) {
        forgetPassword();
        take(given.copy());
    }

    /** {@code forget-passwords}: the kept password and any token go; the next connection asks (or reads) again. */
    public synchronized void forget() {
        wipe();
    }

    private void take(Credentials read) {
        password = read;
        username = password.username();
        if (settings.token() != null && !fileTokenTaken) {
            fileTokenTaken = true;
            String user = settings.tokenUserBase64() == null ? null : TokenUser.decodeOrNull(settings.tokenUserBase64());
            token = Credentials.of(user == null ? username : user, settings.token());
        }
    }

    @Override
    public synchronized Credentials next() {
        if (token != null) {
            return token.copy();
        }
        if (password == null) {
            try {
                prepare();
            } catch (ConfigException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }
        Credentials out = password.copy();
        if (settings.noCache() && connected) {
            forgetPassword();
        }
        return out;
    }

    @Override
    public synchronized void tokenPushed(String pushed, String tokenUserBase64) {
        String user = tokenUserBase64 == null ? null : TokenUser.decodeOrNull(tokenUserBase64);
        if (user == null) {
            user = username;
        }
        if (user == null || pushed.isEmpty()) {
            return;
        }
        if (token != null) {
            token.wipe();
        }
        token = Credentials.of(user, pushed);
    }

    @Override
    public synchronized void connected() {
        connected = true;
        if (settings.noCache()) {
            forgetPassword();
        }
    }

    /** Whether a pushed (or configured) token stands in for the password now. */
    public synchronized boolean hasToken() {
        return token != null;
    }

    /** The answer to the server's {@code AUTH_FAILED}, forgetting what the next attempt must not send. */
    public synchronized Next authFailed() {
        if (token != null) {
            // 2.6: a refused token may just have expired; the next attempt sends the password.
            token.wipe();
            token = null;
            return Next.RETRY;
        }
        return switch (settings.retry()) {
            case NONE -> Next.EXIT;
            case NOINTERACT -> Next.RETRY;
            case INTERACT -> {
                forgetPassword();
                yield Next.RETRY;
            }
        };
    }

    /** The configured {@code auth-retry}. */
    public AuthRetry retry() {
        return settings.retry();
    }

    /** Zeroes what is kept; the node is going away. */
    public synchronized void wipe() {
        forgetPassword();
        if (token != null) {
            token.wipe();
            token = null;
        }
    }

    private void forgetPassword() {
        if (password != null) {
            password.wipe();
            password = null;
        }
    }

    @Override
    public String toString() {
        return "UserPassAuth[" + settings + "]";
    }
}

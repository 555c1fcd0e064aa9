package dev.culvert.vpn.management;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * {@code management-query-passwords} (manage.c {@code management_query_user_pass},
 * {@code man_query_user_pass}): the node asks for a username and password of a type
 * ({@code Auth}) with 2.6's {@code >PASSWORD:Need 'Auth' username/password}, and the management
 * client answers with {@code username "Auth" NAME} and {@code password "Auth" PW}, in either order.
 * Once both are in, the node hears them, and what was kept here is wiped. An empty password is
 * passed on as empty, as 2.6's blank-password tag does. Thread-safe: the node asks from its control
 * side, a connection thread answers.
 */
final class PasswordQuery {
    private String type;
    private String username;
    private byte[] password;
    private Consumer<UserPass> answer;
    /** A complete answer not yet handed over ({@link #deliver}). */
    private Consumer<UserPass> ready;
    private UserPass readyAnswer;

    /** Starts a query of {@code type}, replacing one still open; returns the real-time line that announces it. */
    synchronized String ask(String type, Consumer<UserPass> answer) {
        clear();
        this.type = type;
        this.answer = answer;
        return announcement();
    }

    /** The {@code >PASSWORD:Need …} line while a query is open (2.6 repeats it to a client that connects), or null. */
    synchronized String announcement() {
        return type == null ? null : ">PASSWORD:Need '" + type + "' username/password";
    }

    /** {@code username TYPE VALUE}: 2.6's answer line. */
    String username(String givenType, String value) {
        return take(givenType, "username", value, null);
    }

    /** {@code password TYPE VALUE}: 2.6's answer line; {@code value} is wiped. */
    String password(String givenType, byte[] value) {
        return take(givenType, "password", null, value);
    }

    /**
     * Hands a username and password that are both in to the node, outside any lock; the session
     * calls it after writing its answer line, so the node's next state follows that line.
     */
    void deliver() {
        Consumer<UserPass> done;
        UserPass complete;
        synchronized (this) {
            done = ready;
            complete = readyAnswer;
            ready = null;
            readyAnswer = null;
        }
        if (done != null) {
            done.accept(complete);
        }
    }

    private String take(String givenType, String what, String user, byte[] pass) {
        String reply;
        synchronized (this) {
            if (type == null) {
                reply = "ERROR: no " + what + " is currently needed at this time";
            } else if (!type.equals(givenType)) {
                reply = "ERROR: " + what + " of type '" + givenType + "' entered, but we need one of type '" + type + "'";
            } else {
                if (user != null) {
                    username = user;
                } else {
                    if (password != null) {
                        Arrays.fill(password, (byte) 0);
                    }
                    password = pass.clone();
                }
                reply = "SUCCESS: '" + type + "' " + what + " entered, but not yet verified";
                // manage.c man_up_finalize: both are in once the username is not empty and a password came.
                if (username != null && !username.isEmpty() && password != null) {
                    readyAnswer = new UserPass(username, password);
                    password = null;
                    ready = answer;
                    type = null;
                    username = null;
                    answer = null;
                }
            }
        }
        if (pass != null) {
            Arrays.fill(pass, (byte) 0);
        }
        return reply;
    }

    /** Ends an open query without an answer (the node stops, or {@code forget-passwords}). */
    synchronized void clear() {
        if (readyAnswer != null) {
            readyAnswer.wipe();
            readyAnswer = null;
            ready = null;
        }
        type = null;
        username = null;
        answer = null;
        if (password != null) {
            Arrays.fill(password, (byte) 0);
            password = null;
        }
    }

    /** The UTF-8 bytes of a password word, as 2.6 copies the string it parsed. */
    static byte[] bytes(String word) {
        return word.getBytes(StandardCharsets.UTF_8);
    }
}

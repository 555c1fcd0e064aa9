package dev.culvert.vpn.client;

import dev.culvert.vpn.config.ExitTimers;
import dev.culvert.vpn.push.PushReply;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The timers that end a client's process instead of restarting it (2.6's forward.c
 * {@code check_inactivity_timeout}, {@code check_session_timeout}, and ping-exit's use of the
 * ping-restart timer), from the file and from the push, which 2.6 takes as timer options
 * (OPT_P_TIMER). As in 2.6 (init.c
 * {@code do_init_timers}) they start again with each session and again once the push is applied.
 * Driven from the client's strand: not thread-safe.
 */
final class ExitWatch {
    private static final long SECOND = 1_000_000_000L;

    private final ExitTimers file;
    private InactivityWatch inactivity;
    private boolean pingExits;
    private long sessionTimeoutNanos;
    private long sessionStartNanos;

    ExitWatch(ExitTimers file, long nowNanos) {
        this.file = file;
        onNewSession(nowNanos);
    }

    /** A new session begins: the file's timers, from now. */
    void onNewSession(long nowNanos) {
        pingExits = file.pingExitSeconds() > 0;
        inactivity = file.inactiveSeconds() > 0 ? new InactivityWatch(file.inactiveSeconds(), file.inactiveBytes(), nowNanos) : null;
        sessionTimeoutNanos = file.sessionTimeoutSeconds() * SECOND;
        sessionStartNanos = nowNanos;
    }

    /**
     * The server's push was applied: its {@code inactive} and {@code session-timeout} replace the
     * file's, its {@code ping-restart} turns ping-exit into a restart, and the timers start again.
     *
     * @return lines for the log about what changed
     */
    List<String> onPush(PushReply reply, long nowNanos) {
        List<String> notes = new ArrayList<>();
        if (reply.pingExit()) {
            pingExits = true;
            notes.add("the server pushed 'ping-exit " + reply.pingRestart() + "': a silent server ends the client, as in 2.6");
        } else if (pingExits && reply.pingRestart() >= 0) {
            pingExits = false;
            notes.add("the server pushed 'ping-restart " + reply.pingRestart() + "', which replaces ping-exit for this connection, as in"
                    + " 2.6: a silent server restarts it");
        }
        long inactiveBytes = file.inactiveBytes();
        int inactiveSeconds = file.inactiveSeconds();
        for (String option : reply.rawOptions()) {
            String[] words = option.trim().split("[ \t]+");
            if (words[0].equals("inactive") && (words.length == 2 || words.length == 3)) {
                inactiveSeconds = number(words[1], notes, option);
                inactiveBytes = words.length == 3 ? number(words[2], notes, option) : 0;
            } else if (words[0].equals("session-timeout") && words.length == 2) {
                sessionTimeoutNanos = number(words[1], notes, option) * SECOND;
            }
        }
        inactivity = inactiveSeconds > 0 ? new InactivityWatch(inactiveSeconds, inactiveBytes, nowNanos) : null;
        sessionStartNanos = nowNanos;
        return notes;
    }

    /** Whether a silent server ends the process in this connection. */
    boolean pingExits() {
        return pingExits;
    }

    /**
     * The once-a-second check, with the session's tunnel bytes so far both ways: why the process
     * ends now, or empty.
     */
    Optional<String> check(long totalBytes, long nowNanos) {
        if (inactivity != null && inactivity.expired(totalBytes, nowNanos)) {
            return Optional.of("Inactivity timeout (--inactive), exiting");
        }
        if (sessionTimeoutNanos > 0 && nowNanos - sessionStartNanos >= sessionTimeoutNanos) {
            return Optional.of("Session timeout (--session-timeout), exiting");
        }
        return Optional.empty();
    }

    /** A pushed number of seconds or bytes; a bad one counts as 0 (off), as 2.6's positive_atoi reads it, with a note. */
    private static int number(String text, List<String> notes, String option) {
        if (text.matches("\\d{1,9}")) {
            return Integer.parseInt(text);
        }
        notes.add("push: '" + option + "': '" + text + "' is not a number; taken as 0, as 2.6 takes it");
        return 0;
    }
}

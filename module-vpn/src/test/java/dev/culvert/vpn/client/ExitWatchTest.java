package dev.culvert.vpn.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.vpn.config.ExitTimers;
import dev.culvert.vpn.push.PushReplyParser;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** When a client ends its process instead of restarting: the file's timers, the pushed ones, and their restarts. */
class ExitWatchTest {
    private static final long S = 1_000_000_000L;

    @Test
    void sessionTimeoutEndsTheProcessThatLongAfterTheSessionBegan() {
        ExitWatch w = new ExitWatch(new ExitTimers(0, 0, 0, false, 60), 0);
        assertEquals(Optional.empty(), w.check(0, 59 * S));
        assertEquals(Optional.of("Session timeout (--session-timeout), exiting"), w.check(0, 60 * S));
        w.onNewSession(100 * S);
        assertEquals(Optional.empty(), w.check(0, 159 * S), "each session starts the timer again");
    }

    @Test
    void thePushsTimersReplaceTheFilesAndStartAtThePush() {
        ExitWatch w = new ExitWatch(new ExitTimers(0, 0, 0, false, 60), 0);
        List<String> notes = w.onPush(PushReplyParser.parse("PUSH_REPLY,session-timeout 30,inactive 10,ping 10").reply(), 5 * S);
        assertEquals(List.of(), notes);
        assertEquals(Optional.of("Inactivity timeout (--inactive), exiting"), w.check(0, 15 * S));
        ExitWatch traffic = new ExitWatch(new ExitTimers(0, 0, 0, false, 60), 0);
        traffic.onPush(PushReplyParser.parse("PUSH_REPLY,session-timeout 30,inactive 10").reply(), 5 * S);
        for (long t = 6; t < 35; t++) {
            assertEquals(Optional.empty(), traffic.check(t * 100, t * S), "traffic keeps inactive away at " + t);
        }
        assertEquals(Optional.of("Session timeout (--session-timeout), exiting"), traffic.check(3500, 35 * S));
    }

    @Test
    void aPushedPingRestartTurnsPingExitIntoARestartForThatConnection() {
        ExitWatch w = new ExitWatch(new ExitTimers(20, 0, 0), 0);
        assertTrue(w.pingExits());
        List<String> notes = w.onPush(PushReplyParser.parse("PUSH_REPLY,ping 10,ping-restart 60").reply(), 0);
        assertFalse(w.pingExits());
        assertTrue(notes.get(0).contains("replaces ping-exit"), notes.toString());
        w.onNewSession(S);
        assertTrue(w.pingExits(), "the next connection starts from the file again");
    }

    @Test
    void aPushedNumberThatIsNotOneIsTakenAsZeroWithANote() {
        ExitWatch w = new ExitWatch(ExitTimers.NONE, 0);
        List<String> notes = w.onPush(PushReplyParser.parse("PUSH_REPLY,session-timeout soon").reply(), 0);
        assertEquals(1, notes.size());
        assertEquals(Optional.empty(), w.check(0, 1_000 * S));
    }

    @Test
    void aPushedPingExitMakesASilentServerEndTheClientAndTheLaterOfTheTwoDecides() {
        ExitWatch w = new ExitWatch(ExitTimers.NONE, 0);
        var exit = PushReplyParser.parse("PUSH_REPLY,ping 10,ping-exit 60").reply();
        assertEquals(60, exit.pingRestart(), "one timer, as in 2.6");
        List<String> notes = w.onPush(exit, 0);
        assertTrue(w.pingExits());
        assertTrue(notes.get(0).contains("'ping-exit 60'"), notes.toString());
        var restart = PushReplyParser.parse("PUSH_REPLY,ping-exit 60,ping-restart 30").reply();
        assertEquals(30, restart.pingRestart());
        assertFalse(restart.pingExit(), "the later ping-restart restarts instead");
    }
}

package dev.culvert.vpn.management;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The commands of 2.6's management-notes, answered as manage.c answers them. */
class ManagementSessionTest {
    final List<String> out = new ArrayList<>();
    final List<String> raised = new ArrayList<>();
    final List<String> killed = new ArrayList<>();
    final History log = new History(3);
    final History state = new History(100);
    final History echo = new History(100);
    final ServerTarget target = fake(killed);

    /** A target with two clients that answers kill with the name it was given. */
    static ServerTarget fake() {
        return fake(new ArrayList<>());
    }

    static ServerTarget fake(List<String> killed) {
        return new ServerTarget() {
            @Override
            public String title() {
                return "OpenVPN 2.6 compatible Culvert test";
            }

            @Override
            public List<String> status(int version) {
                return List.of("status v" + version, "END");
            }

            @Override
            public List<ClientBytes> clientBytes() {
                return List.of(new ClientBytes(0, 100, 200), new ClientBytes(3, 5, 6));
            }

            @Override
            public String kill(String argument) {
                killed.add(argument);
                return "SUCCESS: common name '" + argument + "' found, 1 client(s) killed";
            }

            @Override
            public String killClient(long clientId, String message) {
                killed.add("cid " + clientId + (message == null ? "" : " " + message));
                return "SUCCESS: client-kill command succeeded";
            }

            @Override
            public LoadStats loadStats() {
                return new LoadStats(2, 105, 206);
            }
        };
    }

    final ManagementSession session = new ManagementSession(target, log, state, echo, raised::add, out::add, 2);

    List<String> say(String line) {
        out.clear();
        assertTrue(session.handle(line), "the session goes on after " + line);
        return List.copyOf(out);
    }

    @Test
    void versionPidAndLoadStatsAnswerAs26Does() {
        assertEquals(List.of("OpenVPN Version: OpenVPN 2.6 compatible Culvert test", "Management Version: 5", "END"), say("version"));
        assertEquals(List.of(), say("version 3"), "a client telling its version gets no answer");
        assertEquals(List.of("SUCCESS: pid=" + ProcessHandle.current().pid()), say("pid"));
        assertEquals(List.of("SUCCESS: nclients=2,bytesin=105,bytesout=206"), say("load-stats"));
        assertEquals("END", say("help").getLast());
    }

    @Test
    void statusTakesTheConfiguredVersionUnlessOneIsNamed() {
        assertEquals(List.of("status v2", "END"), say("status"));
        assertEquals(List.of("status v3", "END"), say("status 3"));
        assertEquals(List.of("status v2", "END"), say("status 0"));
        assertEquals(List.of("ERROR: bad status format version number"), say("status 4"));
    }

    @Test
    void killAndSignalGoToTheNodeAndTheProcess() {
        assertEquals(List.of("SUCCESS: common name 'alice' found, 1 client(s) killed"), say("kill alice"));
        assertEquals(List.of("alice"), killed);
        assertEquals(List.of("ERROR: the 'kill' command requires 1 parameter"), say("kill"));
        assertEquals(List.of("SUCCESS: signal SIGUSR1 thrown"), say("signal SIGUSR1"));
        assertEquals(List.of("USR1"), raised);
        assertEquals(List.of("ERROR: signal 'SIGKILL' is not a known signal type"), say("signal SIGKILL"));
        assertEquals(List.of("USR1"), raised, "nothing else raised");
    }

    @Test
    void logKeepsItsHistoryAndStreamsWhenOn() {
        log.add(1, "I,one");
        log.add(2, "I,two");
        log.add(3, "W,three");
        log.add(4, "I,four");
        assertEquals(List.of("2,I,two", "3,W,three", "4,I,four", "END"), say("log all"), "the oldest went, as the cache holds 3");
        assertEquals(List.of("4,I,four", "END"), say("log 1"));
        assertEquals(List.of("SUCCESS: real-time log notification set to ON", "3,W,three", "4,I,four", "END"), say("log on 2"));
        out.clear();
        log.add(5, "I,five");
        assertEquals(List.of(">LOG:5,I,five"), out);
        say("log off");
        out.clear();
        log.add(6, "I,six");
        assertEquals(List.of(), out);
        assertEquals(List.of("ERROR: log parameter must be 'on' or 'off' or some number n or 'all'"), say("log sometimes"));
    }

    @Test
    void stateStreamsWithItsPrefix() {
        state.add(9, "CONNECTING,,,,,,");
        state.add(10, "CONNECTED,SUCCESS,10.8.0.1,,,,");
        assertEquals(List.of("10,CONNECTED,SUCCESS,10.8.0.1,,,,", "END"), say("state"), "a bare state shows the current one");
        assertEquals(List.of("9,CONNECTING,,,,,,", "10,CONNECTED,SUCCESS,10.8.0.1,,,,", "END"), say("state all"));
        say("state on");
        out.clear();
        state.add(11, "EXITING,SIGTERM,,,,,");
        assertEquals(List.of(">STATE:11,EXITING,SIGTERM,,,,,"), out);
    }

    @Test
    void bytecountReportsEveryClientAtItsInterval() {
        assertEquals(List.of("SUCCESS: bytecount interval changed"), say("bytecount 2"));
        out.clear();
        session.tick(1);
        assertEquals(List.of(), out);
        session.tick(2);
        assertEquals(List.of(">BYTECOUNT_CLI:0,100,200", ">BYTECOUNT_CLI:3,5,6"), out);
        say("bytecount 0");
        out.clear();
        session.tick(4);
        assertEquals(List.of(), out);
    }

    @Test
    void holdOnAServerHasNothingToHold() {
        assertEquals(List.of("SUCCESS: hold=0"), say("hold"));
        assertEquals(List.of("SUCCESS: hold flag set to ON"), say("hold on"));
        assertEquals(List.of("SUCCESS: hold=1"), say("hold"));
        assertEquals(List.of("SUCCESS: hold release succeeded"), say("hold release"));
        assertEquals(List.of("ERROR: bad hold command parameter"), say("hold maybe"));
    }

    @Test
    void unknownClientOnlyAndUnavailableCommandsAreNamed() {
        assertEquals(List.of("ERROR: unknown command, enter 'help' for more options"), say("frobnicate now"), "as 2.6, without the word");
        assertEquals(List.of("ERROR: The 'password' command is not supported by the current daemon mode"), say("password Auth x"));
        assertEquals(List.of("ERROR: The client-auth command is not currently available"), say("client-auth 1 2"),
                "without management-client-auth");
        assertEquals(List.of("ERROR: unknown command, enter 'help' for more options"), say("\u0001\u0002\u0003\u00ff\u0007"));
        assertEquals(List.of("ERROR: unbalanced quotes"), say("kill \"alice"));
        assertEquals(List.of("ERROR: signal 'SIGH?alice' is not a known signal type"), say("signal \"SIGH\ralice\""),
                "a quoted CR cannot split an answer into a forged second line (Jazzer found it)");
        assertEquals(List.of(), say("   "));
    }

    @Test
    void exitAndQuitEndTheSession() {
        assertFalse(session.handle("quit"));
        assertFalse(session.handle("exit"));
    }

    @Test
    void wordsSplitAtSpacesAndKeepQuotedOnesWhole() {
        assertEquals(List.of("kill", "Alice Smith"), ManagementSession.words("kill \"Alice Smith\""));
        assertEquals(List.of("a", "b\"c"), ManagementSession.words("a \"b\\\"c\""));
        assertNull(ManagementSession.words("a \"b"));
        assertEquals(3, ManagementSession.atoi("3x"));
        assertEquals(0, ManagementSession.atoi("x"));
        assertEquals(Integer.MAX_VALUE, ManagementSession.atoi("99999999999999999999"));
    }
}

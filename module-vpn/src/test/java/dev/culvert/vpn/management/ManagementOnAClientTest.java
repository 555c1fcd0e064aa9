package dev.culvert.vpn.management;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The interface on a client, as 2.6's client answers: no server commands, states, the hold and the password query. */
class ManagementOnAClientTest {
    final List<String> out = new ArrayList<>();
    final List<String> raised = new ArrayList<>();
    final List<String> reconnects = Collections.synchronizedList(new ArrayList<>());
    final List<String> forgotten = new ArrayList<>();
    final ClientTarget target = new ClientTarget() {
        @Override
        public String title() {
            return "OpenVPN 2.6 compatible Culvert test";
        }

        @Override
        public List<String> status(int version) {
            return List.of("OpenVPN STATISTICS", "Updated,2026-12-04 12:00:00", "TUN/TAP read bytes,1", "END");
        }

        @Override
        public LoadStats loadStats() {
            return new LoadStats(0, 300, 400);
        }

        @Override
        public List<String> bytecount() {
            return List.of(">BYTECOUNT:300,400");
        }

        @Override
        public void reconnect(String why) {
            reconnects.add(why);
        }

        @Override
        public void forgetPasswords() {
            forgotten.add("forgotten");
        }
    };
    final HoldGate hold = new HoldGate(false);
    final PasswordQuery passwords = new PasswordQuery();
    final ManagementSession session = new ManagementSession(target, new History(8), new History(8), new History(8), raised::add,
            out::add, 1, null, hold, passwords);
    ManagementServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    List<String> say(String line) {
        out.clear();
        assertTrue(session.handle(line), "the session goes on after " + line);
        return List.copyOf(out);
    }

    @Test
    void aServersCommandsAreNotSupportedInAClientsMode() {
        assertEquals(List.of("ERROR: The 'kill' command is not supported by the current daemon mode"), say("kill alice"));
        assertEquals(List.of("ERROR: The 'client-kill' command is not supported by the current daemon mode"), say("client-kill 3"));
        assertEquals(List.of("ERROR: The 'client-deny' command is not supported by the current daemon mode"), say("client-deny 1 2 no"));
        assertEquals(List.of("ERROR: The 'nclients' command is not supported by the current daemon mode"), say("nclients"));
        assertEquals(List.of("ERROR: the 'kill' command requires 1 parameter"), say("kill"), "the parameters are checked first");
        assertEquals(List.of(), say("client-auth 1 2"), "client-auth reads its block first");
        assertEquals(List.of(), say("push \"route 10.0.0.0 255.0.0.0\""));
        assertEquals(List.of("ERROR: The 'client-auth' command is not supported by the current daemon mode"), say("END"));
    }

    @Test
    void statusIsTheStatisticsBlockWhateverTheVersionAndLoadStatsCountsNoClients() {
        assertEquals("OpenVPN STATISTICS", say("status 3").get(0));
        assertEquals("END", say("status 9").getLast(), "2.6's client ignores the version");
        assertEquals(List.of("SUCCESS: nclients=0,bytesin=300,bytesout=400"), say("load-stats"));
    }

    @Test
    void bytecountSendsTheClientsLine() {
        assertEquals(List.of("SUCCESS: bytecount interval changed"), say("bytecount 2"));
        out.clear();
        session.tick(4);
        assertEquals(List.of(">BYTECOUNT:300,400"), out);
    }

    @Test
    void sigusr1RestartsTheConnectionInTheNodeAfterTheAnswerAndOtherSignalsGoToTheProcess() {
        assertEquals(List.of("SUCCESS: signal SIGUSR1 thrown"), say("signal SIGUSR1"));
        assertEquals(List.of("SIGUSR1"), reconnects);
        assertEquals(List.of(), raised, "the process is not restarted: the interface and its client stay");
        assertEquals(List.of("SUCCESS: signal SIGTERM thrown"), say("signal SIGTERM"));
        assertEquals(List.of("TERM"), raised);
    }

    @Test
    void duringAHoldARestartSignalIsIgnoredAsIn26() {
        hold.flag(true);
        hold.arm(5);
        assertEquals(List.of("ERROR: signal 'SIGUSR1' is currently ignored", ">HOLD:Waiting for hold release:5"), say("signal SIGUSR1"));
        assertEquals(List.of(), reconnects);
    }

    @Test
    void usernameAndPasswordAreRefusedWhenNothingIsAsked() {
        assertEquals(List.of("ERROR: no username is currently needed at this time"), say("username \"Auth\" alice"));
        assertEquals(List.of("ERROR: no password is currently needed at this time"), say("password \"Auth\" pw"));
        assertEquals(List.of("ERROR: the 'password' command requires 2 parameters"), say("password Auth"));
        assertEquals(List.of("ERROR: no needok-confirmation is currently needed at this time"), say("needok token ok"));
    }

    @Test
    void bothAnswersInAnyOrderCompleteTheQueryAfterTheSecondAnswerIsWritten() {
        List<String> seenWhenDelivered = new ArrayList<>();
        List<UserPass> answers = new ArrayList<>();
        assertEquals(">PASSWORD:Need 'Auth' username/password", passwords.ask("Auth", up -> {
            seenWhenDelivered.addAll(out);
            answers.add(up);
        }));
        assertEquals(List.of("ERROR: password of type 'Private Key' entered, but we need one of type 'Auth'"),
                say("password \"Private Key\" x"));
        assertEquals(List.of("SUCCESS: 'Auth' password entered, but not yet verified"), say("password \"Auth\" \"p w\\\"1\""));
        assertTrue(answers.isEmpty(), "the username is still missing");
        assertEquals(List.of("SUCCESS: 'Auth' username entered, but not yet verified"), say("username \"Auth\" alice"));
        assertEquals(1, answers.size());
        assertEquals("alice", answers.get(0).username());
        assertArrayEquals("p w\"1".getBytes(StandardCharsets.UTF_8), answers.get(0).password());
        assertEquals(List.of("SUCCESS: 'Auth' username entered, but not yet verified"), seenWhenDelivered,
                "the node hears them after the answer, so its next state follows it");
        assertFalse(answers.get(0).toString().contains("p w"), "a UserPass never shows its password");
        assertEquals(List.of("ERROR: no username is currently needed at this time"), say("username Auth bob"), "the query is over");
    }

    @Test
    void anEmptyPasswordIsPassedOnAsEmpty() {
        List<UserPass> answers = new ArrayList<>();
        passwords.ask("Auth", answers::add);
        say("username Auth alice");
        say("password Auth \"\"");
        assertEquals(0, answers.get(0).password().length);
    }

    @Test
    void forgetPasswordsWipesWhatTheNodeKeeps() {
        assertEquals(List.of("SUCCESS: Passwords were forgotten"), say("forget-passwords"));
        assertEquals(List.of("forgotten"), forgotten);
    }

    ManagementServer start() throws IOException {
        server = ManagementServer.start(new ManagementServer.Listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), null),
                null, target, 250, 1, null, raised::add);
        return server;
    }

    @Test
    void whatAServerPushedAsEchoIsInTheEchoBufferAndToldLiveOnceEchoIsOn() throws Exception {
        ManagementServer m = start();
        m.echo("msg-window Welcome");
        try (ManagementServerTest.Client c = ManagementServerTest.Client.to(m)) {
            assertEquals(ManagementSession.WELCOME, c.in().readLine());
            c.send("echo all");
            assertTrue(c.in().readLine().matches("\\d+,msg-window Welcome"));
            assertEquals("END", c.in().readLine());
            c.send("echo on");
            assertEquals("SUCCESS: real-time echo notification set to ON", c.in().readLine());
            m.echo("forget-passwords");
            assertTrue(c.in().readLine().matches(">ECHO:\\d+,forget-passwords"));
        }
    }

    @Test
    void aClientHoldsAgainAtEachRestartAndTellsTheClientThatConnects() throws Exception {
        ManagementServer m = start();
        CompletableFuture<String> released = new CompletableFuture<>();
        assertFalse(m.holdThen(0, () -> released.complete("no")), "without management-hold there is nothing to wait for");
        m.holdFlag(true);
        assertTrue(m.holdThen(2, () -> released.complete("released")));
        try (ManagementServerTest.Client c = ManagementServerTest.Client.to(m)) {
            assertEquals(ManagementSession.WELCOME, c.in().readLine());
            assertEquals(">HOLD:Waiting for hold release:2", c.in().readLine(), "the pause a restart would have made");
            assertFalse(released.isDone());
            c.send("hold release");
            assertEquals("SUCCESS: hold release succeeded", c.in().readLine());
            assertEquals("released", released.get(5, TimeUnit.SECONDS));
            CompletableFuture<String> again = new CompletableFuture<>();
            assertTrue(m.holdThen(0, () -> again.complete("again")), "the next restart holds again, as 2.6's client does");
            assertEquals(">HOLD:Waiting for hold release:0", c.in().readLine());
            c.send("hold release");
            assertEquals("SUCCESS: hold release succeeded", c.in().readLine());
            assertEquals("again", again.get(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void thePasswordQueryIsRepeatedToAClientThatConnectsAndThePasswordIsNeverLogged() throws Exception {
        List<String> logged = Collections.synchronizedList(new ArrayList<>());
        Handler everything = new Handler() {
            @Override
            public void publish(LogRecord r) {
                logged.add(String.valueOf(r.getMessage()) + " " + java.util.Arrays.toString(r.getParameters()));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        java.util.logging.Level level = root.getLevel();
        root.setLevel(java.util.logging.Level.ALL);
        root.addHandler(everything);
        try {
            ManagementServer m = start();
            CompletableFuture<UserPass> answer = new CompletableFuture<>();
            m.askUserPass("Auth", answer::complete);
            try (ManagementServerTest.Client c = ManagementServerTest.Client.to(m)) {
                assertEquals(ManagementSession.WELCOME, c.in().readLine());
                assertEquals(">PASSWORD:Need 'Auth' username/password", c.in().readLine());
                c.send("log on all");
                c.send("username \"Auth\" alice");
                c.send("password \"Auth\" \"Tr0ub4dor&3\"");
                UserPass up = answer.get(5, TimeUnit.SECONDS);
                assertEquals("alice", up.username());
                m.verificationFailed("Auth", null);
                c.send("log all");
                c.send("echo all");
                c.send("state all");
                c.send("quit");
                StringBuilder all = new StringBuilder();
                String line;
                while ((line = c.in().readLine()) != null) {
                    all.append(line).append('\n');
                }
                assertTrue(all.toString().contains(">PASSWORD:Verification Failed: 'Auth'"), all.toString());
                assertFalse(all.toString().contains("Tr0ub4dor"), "not in the log, the echo or the state history: " + all);
            }
            synchronized (logged) {
                assertTrue(logged.stream().noneMatch(l -> l.contains("Tr0ub4dor")), "not in the node's log: " + logged);
            }
        } finally {
            root.removeHandler(everything);
            root.setLevel(level);
        }
    }

    @Test
    void aClearedQueryForgetsAHalfGivenAnswer() {
        List<UserPass> answers = new ArrayList<>();
        passwords.ask("Auth", answers::add);
        say("username Auth alice");
        passwords.clear();
        assertNull(passwords.announcement());
        assertEquals(List.of("ERROR: no password is currently needed at this time"), say("password Auth pw"));
        assertTrue(answers.isEmpty());
    }
}

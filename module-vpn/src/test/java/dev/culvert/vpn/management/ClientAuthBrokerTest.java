package dev.culvert.vpn.management;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * management-client-auth as management-notes.txt describes it: announcements with the client's
 * variables, and client-auth, client-auth-nt and client-deny that answer them; a management
 * client driving it through its commands.
 */
class ClientAuthBrokerTest {
    private static final java.time.Duration LIMIT = java.time.Duration.ofSeconds(30);
    private final List<String> out = new ArrayList<>();
    private final ClientAuthBroker broker = new ClientAuthBroker();
    private final ManagementSession session = new ManagementSession(ManagementSessionTest.fake(), new History(8), new History(8),
            new History(8), name -> { }, out::add, 1, broker, new HoldGate(false), new PasswordQuery());

    {
        broker.notifyTo(session::announce);
    }

    private static Map<String, String> env(String... pairs) {
        Map<String, String> env = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    @Test
    void aConnectingClientIsAnnouncedAndClientAuthLetsItInWithItsLines() {
        CompletableFuture<ClientAuthBroker.Decision> decision = broker.ask(7, 0, false, env("common_name", "alice", "username", "al"), LIMIT);
        assertEquals(List.of(">CLIENT:CONNECT,7,0", ">CLIENT:ENV,common_name=alice", ">CLIENT:ENV,username=al", ">CLIENT:ENV,END"), out);
        out.clear();
        assertTrue(session.handle("client-auth 7 0"));
        assertTrue(session.handle("push \"route 10.66.0.0 255.255.0.0\""));
        assertTrue(session.handle("iroute 192.168.9.0 255.255.255.0"));
        assertFalse(decision.isDone(), "not before END");
        assertTrue(session.handle("END"));
        assertEquals(List.of("SUCCESS: client-auth command succeeded"), out);
        ClientAuthBroker.Decision d = decision.join();
        assertTrue(d.accepted());
        assertEquals(List.of("push \"route 10.66.0.0 255.255.0.0\"", "iroute 192.168.9.0 255.255.255.0"), d.configLines());
        assertEquals(0, broker.pending());
    }

    @Test
    void clientAuthNtLetsInWithoutLinesAndClientDenyRefusesWithTheClientsReason() {
        CompletableFuture<ClientAuthBroker.Decision> first = broker.ask(1, 0, false, env(), LIMIT);
        CompletableFuture<ClientAuthBroker.Decision> second = broker.ask(2, 3, true, env(), LIMIT);
        assertTrue(out.contains(">CLIENT:REAUTH,2,3"), out.toString());
        out.clear();
        session.handle("client-auth-nt 1 0");
        session.handle("client-deny 2 3 \"bad password\" \"try again later\"");
        assertEquals(List.of("SUCCESS: client-auth command succeeded", "SUCCESS: client-deny command succeeded"), out);
        assertTrue(first.join().accepted());
        ClientAuthBroker.Decision denied = second.join();
        assertFalse(denied.accepted());
        assertTrue(denied.reason().contains("bad password"), denied.reason());
        assertEquals("try again later", denied.clientReason());
    }

    @Test
    void answersForNoPendingClientFailAs26Says() {
        session.handle("client-auth-nt 9 0");
        session.handle("client-deny 9 0 nope");
        session.handle("client-deny 9 0");
        assertEquals(List.of("ERROR: client-auth command failed", "ERROR: client-deny command failed",
                "ERROR: the 'client-deny' command requires 3 parameters"), out);
    }

    @Test
    void aClientThatLeavesEndsItsWaitAndIsAnnounced() {
        CompletableFuture<ClientAuthBroker.Decision> decision = broker.ask(4, 0, false, env(), LIMIT);
        broker.disconnected(4, env("bytes_received", "10"));
        assertFalse(decision.join().accepted());
        assertTrue(out.containsAll(List.of(">CLIENT:DISCONNECT,4", ">CLIENT:ENV,bytes_received=10")), out.toString());
        broker.established(5, env("ifconfig_pool_remote_ip", "10.8.0.6"));
        assertTrue(out.contains(">CLIENT:ESTABLISHED,5"), out.toString());
    }

    @Test
    void aDecisionNotGivenInTimeFailsAndALateAnswerIsRefused() throws Exception {
        CompletableFuture<ClientAuthBroker.Decision> decision = broker.ask(8, 0, false, env(), java.time.Duration.ofMillis(50));
        assertTrue(decision.handle((d, e) -> e != null).get(5, java.util.concurrent.TimeUnit.SECONDS), "it failed");
        assertEquals(0, broker.pending(), "and is forgotten");
        out.clear();
        session.handle("client-auth-nt 8 0");
        assertEquals(List.of("ERROR: client-auth command failed"), out);
    }

    @Test
    void aValueCannotForgeANotificationLine() {
        broker.ask(1, 0, false, env("username", "eve\r\n>CLIENT:CONNECT,99,0"), LIMIT);
        assertTrue(out.contains(">CLIENT:ENV,username=eve__>CLIENT:CONNECT,99,0"), out.toString());
        assertFalse(out.contains(">CLIENT:CONNECT,99,0"));
    }

    @Test
    void anOverlongBlockIsRefusedAndTheDecisionStillWaits() {
        CompletableFuture<ClientAuthBroker.Decision> decision = broker.ask(3, 0, false, env(), LIMIT);
        out.clear();
        session.handle("client-auth 3 0");
        for (int i = 0; i <= ManagementSession.MAX_BLOCK_LINES; i++) {
            session.handle("push \"route 10.0." + (i % 250) + ".0 255.255.255.0\"");
        }
        assertTrue(out.get(0).startsWith("ERROR: client-auth: more than"), out.toString());
        assertFalse(decision.isDone());
        out.clear();
        session.handle("client-auth-nt 3 0");
        assertEquals(List.of("SUCCESS: client-auth command succeeded"), out, "the session reads commands again");
    }

    @Test
    void clientKillNamesTheClientById() {
        ManagementSessionTest t = new ManagementSessionTest();
        assertEquals(List.of("SUCCESS: client-kill command succeeded"), t.say("client-kill 7"));
        assertEquals(List.of("cid 7"), t.killed);
    }
}

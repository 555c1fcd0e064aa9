package dev.culvert.vpn.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.core.config.Config;
import dev.culvert.core.embed.ModuleBinder;
import dev.culvert.core.slot.SlotNames;
import dev.culvert.core.slot.SlotRegistry;
import dev.culvert.spi.hook.AuthRequest;
import dev.culvert.spi.hook.AuthVerdict;
import dev.culvert.spi.hook.ClientAuthenticator;
import dev.culvert.vpn.config.UserAuthConfig;
import dev.culvert.vpn.hook.Scripts;
import dev.culvert.vpn.keys.Credentials;
import dev.culvert.vpn.keys.PeerInfo;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the server makes of an authenticator: its answer, its silence, its failure, or its absence. */
class CredentialCheckTest {
    private static final InetSocketAddress FROM = new InetSocketAddress("192.0.2.9", 1194);

    @TempDir
    Path dir;

    /** An authenticator answering as told, keeping each request it saw. */
    record Module(String name, Function<AuthRequest, CompletionStage<AuthVerdict>> answer, List<AuthRequest> seen)
            implements ClientAuthenticator {
        Module(String name, Function<AuthRequest, CompletionStage<AuthVerdict>> answer) {
            this(name, answer, new ArrayList<>());
        }

        @Override
        public CompletionStage<AuthVerdict> authenticate(AuthRequest request) {
            seen.add(request);
            return answer.apply(request);
        }
    }

    private UserAuthConfig config(String lines) throws Exception {
        Path script = dir.resolve("accept-alice.sh");
        Files.writeString(script, "#!/bin/sh\n[ \"$(head -1 \"$1\")\" = alice ]\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        Path file = dir.resolve("server.conf");
        Files.writeString(file, lines.replace("SCRIPT", script.toString()) + "tmp-dir " + dir + "\n");
        return UserAuthConfig.from(Config.load(file));
    }

    private Scripts scripts(Duration limit) {
        return Scripts.of(Map.of(), dir, limit);
    }

    private static CredentialCheck.Verdict ask(CredentialCheck check, String user, String password) throws Exception {
        return check.check(1, "cn", Credentials.of(user, password), FROM, PeerInfo.parse("IV_VER=2.6.14\n"), 0).get(30, TimeUnit.SECONDS);
    }

    @Test
    void theScriptAnswersUntilAModuleOutranksItAndAgainOnceTheModuleLeaves() throws Exception {
        SlotRegistry registry = new SlotRegistry();
        try (CredentialCheck check = new CredentialCheck(config("script-security 2\nauth-user-pass-verify SCRIPT via-file\n"), registry,
                scripts(Duration.ofSeconds(10)))) {
            assertTrue(check.checking());
            assertTrue(ask(check, "alice", "pw").verdict().accepted());
            assertFalse(ask(check, "bob", "pw").verdict().accepted());
            Module bobOnly = new Module("bob-only", r -> CompletableFuture.completedFuture(r.username().equals("bob")
                    ? AuthVerdict.accept("bob") : AuthVerdict.deny("not bob")));
            ModuleBinder.bind(registry, bobOnly, null, null);
            CredentialCheck.Verdict bob = ask(check, "bob", "pw");
            assertTrue(bob.verdict().accepted());
            assertEquals("bob-only", bob.by());
            assertFalse(ask(check, "alice", "pw").verdict().accepted());
            ModuleBinder.unbind(registry, bobOnly);
            assertEquals("script", ask(check, "alice", "pw").by());
        }
        assertTrue(registry.slot(SlotNames.AUTH, ClientAuthenticator.class).all().isEmpty(), "the script leaves with the server");
    }

    @Test
    void withNoScriptAndNoModuleNothingIsChecked() throws Exception {
        try (CredentialCheck check = new CredentialCheck(config(""), new SlotRegistry(), scripts(Duration.ofSeconds(1)))) {
            assertFalse(check.checking());
            CredentialCheck.Verdict v = ask(check, "alice", "pw");
            assertFalse(v.verdict().accepted(), "a session that asks anyway is refused: the check fails closed");
            assertTrue(v.verdict().reason().contains("no authenticator"), v.verdict().reason());
        }
    }

    @Test
    void theRequestCarriesWhoAndFromWhereAndIsWipedOnceAnswered() throws Exception {
        SlotRegistry registry = new SlotRegistry();
        Module module = new Module("m", r -> CompletableFuture.completedFuture(AuthVerdict.accept("ok")));
        ModuleBinder.bind(registry, module, null, null);
        try (CredentialCheck check = new CredentialCheck(config(""), registry, scripts(Duration.ofSeconds(1)))) {
            Credentials sent = Credentials.of("alice", "pw");
            check.check(1, "alice-cert", sent, FROM, PeerInfo.parse("IV_VER=2.6.14\nIV_PLAT=linux\n"), 3).get(5, TimeUnit.SECONDS);
            AuthRequest r = module.seen().get(0);
            assertEquals("alice-cert", r.commonName());
            assertEquals(FROM, r.remote());
            assertEquals("linux", r.peerInfo().get("IV_PLAT"));
            assertTrue(r.renegotiation());
            assertArrayEquals(new byte[2], r.password(), "wiped after the answer");
            assertArrayEquals(new byte[2], sent.password(), "the session's copy too");
        }
    }

    @Test
    void silenceFailureAndANullAnswerAreRefusals() throws Exception {
        SlotRegistry registry = new SlotRegistry();
        Module silent = new Module("silent", r -> new CompletableFuture<>());
        ModuleBinder.bind(registry, silent, null, 3);
        try (CredentialCheck check = new CredentialCheck(config(""), registry, scripts(Duration.ofMillis(200)))) {
            CredentialCheck.Verdict v = ask(check, "alice", "pw");
            assertFalse(v.verdict().accepted());
            assertTrue(v.verdict().reason().contains("no answer within"), v.verdict().reason());
            assertArrayEquals(new byte[2], silent.seen().get(0).password(), "wiped at the time limit");
            ModuleBinder.bind(registry, new Module("throws", r -> {
                throw new IllegalStateException("directory down");
            }), null, 4);
            assertTrue(ask(check, "alice", "pw").verdict().reason().contains("directory down"));
            ModuleBinder.bind(registry, new Module("fails", r -> CompletableFuture.failedFuture(new RuntimeException("ldap timeout"))), null, 5);
            assertTrue(ask(check, "alice", "pw").verdict().reason().contains("ldap timeout"));
            ModuleBinder.bind(registry, new Module("null", r -> CompletableFuture.completedFuture(null)), null, 6);
            assertFalse(ask(check, "alice", "pw").verdict().accepted());
            assertTrue(check.counters().contains("refused 4 (1 timed out, 2 failed)"), check.counters());
        }
    }

    @Test
    void aClientWithoutAUsernameIsRefusedUnlessItIsOptional() throws Exception {
        SlotRegistry registry = new SlotRegistry();
        Module module = new Module("m", r -> CompletableFuture.completedFuture(AuthVerdict.accept("ok")));
        ModuleBinder.bind(registry, module, null, null);
        try (CredentialCheck strict = new CredentialCheck(config(""), registry, scripts(Duration.ofSeconds(1)))) {
            assertFalse(ask(strict, "", "").verdict().accepted());
            assertTrue(module.seen().isEmpty(), "not even asked");
        }
        try (CredentialCheck optional = new CredentialCheck(config("auth-user-pass-optional\n"), registry, scripts(Duration.ofSeconds(1)))) {
            assertTrue(ask(optional, "", "").verdict().accepted());
        }
    }

    @Test
    void aClientThatLeavesWithdrawsItsQuestionAndTheAuthenticatorIsToldSo() throws Exception {
        SlotRegistry registry = new SlotRegistry();
        CompletableFuture<AuthVerdict> pending = new CompletableFuture<>();
        Module waiting = new Module("waits", r -> pending);
        ModuleBinder.bind(registry, waiting, null, null);
        try (CredentialCheck check = new CredentialCheck(config(""), registry, scripts(Duration.ofSeconds(60)))) {
            CompletableFuture<CredentialCheck.Verdict> asked = check.check(7, "cn", Credentials.of("kim", "pw"), FROM,
                    PeerInfo.parse("IV_VER=2.6.14\n"), 0);
            check.forget(8);
            assertFalse(pending.isDone(), "another client's leaving withdraws nothing");
            check.forget(7);
            assertTrue(pending.isCancelled(), "the authenticator's own stage is cancelled: it stops waiting");
            CredentialCheck.Verdict v = asked.get(30, TimeUnit.SECONDS);
            assertFalse(v.verdict().accepted());
            assertTrue(v.verdict().reason().contains("left"), v.verdict().reason());
        }
    }
}

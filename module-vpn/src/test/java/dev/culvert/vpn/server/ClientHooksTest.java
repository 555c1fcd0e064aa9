package dev.culvert.vpn.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.core.embed.ModuleBinder;
import dev.culvert.core.slot.SlotRegistry;
import dev.culvert.spi.hook.ClientInfo;
import dev.culvert.spi.hook.ConnectHook;
import dev.culvert.spi.hook.ConnectVerdict;
import dev.culvert.spi.hook.LearnAddressHook;
import dev.culvert.vpn.config.HookScripts;
import dev.culvert.vpn.hook.Scripts;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the server makes of its connect and learn-address hooks: their answers, their silence, their failures, their absence. */
class ClientHooksTest {
    private static final ClientInfo ALICE = new ClientInfo(1, "alice", "", new InetSocketAddress("192.0.2.7", 1), "10.8.0.2", "255.255.255.0",
            "", Map.of());

    @TempDir
    Path dir;

    private ClientHooks hooks(SlotRegistry registry, Duration limit) {
        return new ClientHooks(HookScripts.none(), registry, Scripts.of(Map.of(), dir, limit));
    }

    @Test
    void withNoHookClientsConnectAndAddressesAreRoutedUnasked() throws Exception {
        try (ClientHooks hooks = hooks(new SlotRegistry(), Duration.ofSeconds(1))) {
            assertFalse(hooks.connectHooked());
            assertTrue(hooks.connecting(ALICE).get(1, TimeUnit.SECONDS).accepted());
            assertTrue(hooks.learn("add", "10.8.0.2", "alice").get(1, TimeUnit.SECONDS));
        }
    }

    @Test
    void aModulesAnswersAreTakenAndItsSilenceOrFailureRefuses() throws Exception {
        SlotRegistry registry = new SlotRegistry();
        List<String> told = new ArrayList<>();
        ConnectHook pushing = new ConnectHook() {
            @Override
            public String name() {
                return "pushing";
            }

            @Override
            public CompletionStage<ConnectVerdict> connecting(ClientInfo client) {
                return CompletableFuture.completedFuture(ConnectVerdict.accept("ok", List.of("push \"route 10.9.0.0 255.255.0.0\"")));
            }

            @Override
            public void disconnected(ClientInfo client, long in, long out, long seconds) {
                told.add(client.commonName() + " " + in + " " + out + " " + seconds);
            }
        };
        try (ClientHooks hooks = hooks(registry, Duration.ofMillis(200))) {
            ModuleBinder.bind(registry, pushing, null, null);
            assertTrue(hooks.connectHooked());
            assertEquals(List.of("push \"route 10.9.0.0 255.255.0.0\""), hooks.connecting(ALICE).get(1, TimeUnit.SECONDS).configLines());
            hooks.disconnected(ALICE, 1, 2, 3);
            assertEquals(List.of("alice 1 2 3"), told);

            ModuleBinder.bind(registry, new ConnectHook() {
                @Override
                public String name() {
                    return "silent";
                }

                @Override
                public CompletionStage<ConnectVerdict> connecting(ClientInfo client) {
                    return new CompletableFuture<>();
                }
            }, null, 5);
            ConnectVerdict silent = hooks.connecting(ALICE).get(5, TimeUnit.SECONDS);
            assertFalse(silent.accepted());
            assertTrue(silent.reason().contains("silent"), silent.reason());

            LearnAddressHook throwing = new LearnAddressHook() {
                @Override
                public String name() {
                    return "throwing";
                }

                @Override
                public CompletionStage<Boolean> learn(String operation, String address, String commonName) {
                    throw new IllegalStateException("firewall down");
                }
            };
            ModuleBinder.bind(registry, throwing, null, null);
            assertFalse(hooks.learn("add", "10.8.0.2", "alice").get(1, TimeUnit.SECONDS), "not routed");
            assertTrue(hooks.counters().contains("connects refused by hooks 1, learn-address failures 1"), hooks.counters());
        }
    }
}

package dev.culvert.vpn.server;

import dev.culvert.core.slot.SlotNames;
import dev.culvert.core.slot.SlotRegistry;
import dev.culvert.spi.hook.ClientInfo;
import dev.culvert.spi.hook.ConnectHook;
import dev.culvert.spi.hook.ConnectVerdict;
import dev.culvert.spi.hook.LearnAddressHook;
import dev.culvert.vpn.config.HookScripts;
import dev.culvert.vpn.hook.ScriptConnectHook;
import dev.culvert.vpn.hook.ScriptLearnAddress;
import dev.culvert.vpn.hook.Scripts;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;

/**
 * The connect and learn-address hooks as a server calls them: the {@code connect} and
 * {@code learn-address} slots' active implementations (the configuration's scripts, ranked below
 * any module's: {@link HookSlot}), each answer bounded in time and never thrown. A connect hook
 * that fails or says nothing refuses the client; a learn-address hook that fails does not route
 * the address, as in 2.6. With no hook bound, clients connect and addresses are routed unasked.
 */
final class ClientHooks implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ClientHooks.class.getName());

    private final HookSlot<ConnectHook> connect;
    private final HookSlot<LearnAddressHook> learn;
    private final Duration limit;
    private final LongAdder refusedConnects = new LongAdder();
    private final LongAdder failedLearns = new LongAdder();

    ClientHooks(HookScripts config, SlotRegistry registry, Scripts scripts) {
        this.limit = scripts.limit();
        ConnectHook connectScript = config.clientConnect().isPresent() || config.clientDisconnect().isPresent()
                ? new ScriptConnectHook(config.clientConnect(), config.clientDisconnect(), scripts) : null;
        LearnAddressHook learnScript = config.learnAddress().map(c -> new ScriptLearnAddress(c, scripts)).orElse(null);
        this.connect = new HookSlot<>(registry.slot(SlotNames.CONNECT, ConnectHook.class), connectScript, ConnectHook::name,
                "connecting clients are told");
        this.learn = new HookSlot<>(registry.slot(SlotNames.LEARN_ADDRESS, LearnAddressHook.class), learnScript,
                LearnAddressHook::name, "learned addresses are told");
    }

    /** Whether a connect hook is bound: then a client's PUSH_REPLY waits for its answer. */
    boolean connectHooked() {
        return connect.active().isPresent();
    }

    /** The active connect hook's answer about {@code client}; an accept with no lines when none is bound. Never fails. */
    CompletableFuture<ConnectVerdict> connecting(ClientInfo client) {
        ConnectHook hook = connect.active().orElse(null);
        if (hook == null) {
            return CompletableFuture.completedFuture(ConnectVerdict.accept("no connect hook", List.of()));
        }
        return HookSlot.ask(() -> hook.connecting(client), limit).handle((verdict, failure) -> {
            ConnectVerdict v;
            if (failure != null) {
                v = ConnectVerdict.refuse(hook.name() + " failed or said nothing within " + limit.toSeconds() + " s: " + failure);
            } else {
                v = verdict != null ? verdict : ConnectVerdict.refuse(hook.name() + " answered nothing");
            }
            if (!v.accepted()) {
                refusedConnects.increment();
            }
            return v;
        });
    }

    /** Tells the active connect hook that {@code client} is connected; nothing waits for it. */
    void established(ClientInfo client) {
        tell(client, "connection", hook -> hook.established(client));
    }

    /** Tells the active connect hook that {@code client} left; nothing waits for it. */
    void disconnected(ClientInfo client, long bytesReceived, long bytesSent, long seconds) {
        tell(client, "disconnect", hook -> hook.disconnected(client, bytesReceived, bytesSent, seconds));
    }

    private void tell(ClientInfo client, String what, java.util.function.Consumer<ConnectHook> call) {
        connect.active().ifPresent(hook -> {
            try {
                call.accept(hook);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, hook.name() + " failed on " + client.commonName() + "'s " + what + ": " + e);
            }
        });
    }

    /** Whether the address may be routed: the active learn-address hook's answer, true when none is bound. Never fails. */
    CompletableFuture<Boolean> learn(String operation, String address, String commonName) {
        LearnAddressHook hook = learn.active().orElse(null);
        if (hook == null) {
            return CompletableFuture.completedFuture(true);
        }
        return HookSlot.ask(() -> hook.learn(operation, address, commonName), limit).handle((ok, failure) -> {
            boolean learned = failure == null && Boolean.TRUE.equals(ok);
            if (!learned) {
                failedLearns.increment();
                // 2.6's words for it.
                LOG.log(System.Logger.Level.WARNING, "WARNING: learn-address " + operation + " " + address + " "
                        + (commonName.isEmpty() ? "" : commonName + " ") + "failed in " + hook.name()
                        + (failure == null ? "" : " (" + failure + ")") + ("delete".equals(operation) ? "" : "; the address is not routed"));
            }
            return learned;
        });
    }

    String counters() {
        return "connects refused by hooks " + refusedConnects.sum() + ", learn-address failures " + failedLearns.sum();
    }

    @Override
    public void close() {
        connect.close();
        learn.close();
    }
}

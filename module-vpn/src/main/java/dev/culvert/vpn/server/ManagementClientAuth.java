package dev.culvert.vpn.server;

import dev.culvert.spi.hook.AuthRequest;
import dev.culvert.spi.hook.AuthVerdict;
import dev.culvert.spi.hook.ClientAuthenticator;
import dev.culvert.spi.hook.ClientInfo;
import dev.culvert.spi.hook.ConnectHook;
import dev.culvert.spi.hook.ConnectVerdict;
import dev.culvert.vpn.hook.ScriptEnvironment;
import dev.culvert.vpn.management.ClientAuthBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code management-client-auth} as the server's authenticator and connect hook: each key's
 * credentials go to the management client ({@code >CLIENT:CONNECT} or {@code >CLIENT:REAUTH}
 * with the variables a script would get, the password included, since the management client is
 * the one that checks it), whose {@code client-auth} lines become the client's configuration at
 * connect, as 2.6 applies them; established and departed clients are announced.
 */
final class ManagementClientAuth implements ClientAuthenticator, ConnectHook {
    /**
     * Above every module: a configuration that says management-client-auth means the management
     * client decides, and a bundle dropped into deploy/ must not take that over unasked.
     */
    static final int RANKING = 1_000_000;
    /** How long an accepted client's client-auth lines wait for it to connect. */
    private static final long KEEP_NANOS = java.util.concurrent.TimeUnit.MINUTES.toNanos(5);

    private final ClientAuthBroker broker;
    private final ScriptEnvironment environment;
    /** client-auth's lines per client id, kept from the decision until the client connects. */
    private final Map<Long, Kept> configuration = new ConcurrentHashMap<>();
    private final Duration limit;

    private record Kept(List<String> lines, long sinceNanos) {
    }

    ManagementClientAuth(ClientAuthBroker broker, ScriptEnvironment environment, Duration limit) {
        this.broker = broker;
        this.environment = environment;
        this.limit = limit;
    }

    @Override
    public String name() {
        return "management";
    }

    @Override
    public CompletionStage<AuthVerdict> authenticate(AuthRequest request) {
        Map<String, String> env = new HashMap<>(environment.userPassVerify(request));
        env.put("password", new String(request.password(), StandardCharsets.UTF_8));
        return broker.ask(request.clientId(), request.keyId(), request.renegotiation(), env, limit).thenApply(decision -> {
            if (!decision.accepted()) {
                return decision.clientReason() == null ? AuthVerdict.deny(decision.reason())
                        : AuthVerdict.deny(decision.reason(), decision.clientReason());
            }
            if (!request.renegotiation()) {
                long now = System.nanoTime();
                // A client refused or gone after its acceptance never connects: its lines go after a while.
                configuration.values().removeIf(k -> now - k.sinceNanos() > KEEP_NANOS);
                configuration.put(request.clientId(), new Kept(decision.configLines(), now));
            }
            return AuthVerdict.accept(decision.reason());
        });
    }

    @Override
    public CompletionStage<ConnectVerdict> connecting(ClientInfo client) {
        Kept kept = configuration.remove(client.clientId());
        return java.util.concurrent.CompletableFuture.completedFuture(
                ConnectVerdict.accept("management client-auth", kept == null ? List.of() : kept.lines()));
    }

    @Override
    public void established(ClientInfo client) {
        broker.established(client.clientId(), environment.clientConnect(client));
    }

    @Override
    public void disconnected(ClientInfo client, long bytesReceived, long bytesSent, long seconds) {
        configuration.remove(client.clientId());
        broker.disconnected(client.clientId(), environment.clientDisconnect(client, bytesReceived, bytesSent, seconds));
    }
}

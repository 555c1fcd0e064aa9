package dev.culvert.vpn.management;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * {@code management-client-auth} (management-notes.txt, "COMMAND -- client-auth"): each
 * connecting client is announced to the management client ({@code >CLIENT:CONNECT} or, at a
 * renegotiation, {@code >CLIENT:REAUTH}, with its {@code >CLIENT:ENV} lines) and waits until the
 * management client answers {@code client-auth} (with configuration lines), {@code client-auth-nt}
 * or {@code client-deny}. Once connected, leaving, or given an address, it is announced too
 * ({@code >CLIENT:ESTABLISHED}, {@code >CLIENT:DISCONNECT}). Thread-safe:
 * the server asks from its control threads, the management client answers from its own.
 */
public final class ClientAuthBroker {
    /** The management client's answer: let in (with configuration lines in client-config-dir syntax) or deny. */
    public record Decision(boolean accepted, String reason, String clientReason, List<String> configLines) {
        public Decision {
            configLines = List.copyOf(configLines);
        }
    }

    private record Key(long clientId, int keyId) {
    }

    private final Map<Key, CompletableFuture<Decision>> pending = new ConcurrentHashMap<>();
    private volatile Consumer<List<String>> notifications = lines -> { };

    /** Where announcements go: the connected management client's output, each block written whole. */
    void notifyTo(Consumer<List<String>> sink) {
        this.notifications = sink;
    }

    /**
     * Announces a client and returns the management client's decision, which completes when it
     * answers, or fails once {@code limit} passed (and an answer after that is refused, as for a
     * client that is gone). {@code env} is what 2.6 gives a script at the same point.
     */
    public CompletableFuture<Decision> ask(long clientId, int keyId, boolean reauth, Map<String, String> env, Duration limit) {
        CompletableFuture<Decision> decision = new CompletableFuture<Decision>().orTimeout(limit.toNanos(), TimeUnit.NANOSECONDS);
        Key key = new Key(clientId, keyId);
        CompletableFuture<Decision> earlier = pending.put(key, decision);
        if (earlier != null) {
            earlier.complete(new Decision(false, "asked again", null, List.of()));
        }
        // The caller's stage completes after the decision left the table, so whoever sees it done sees it gone.
        CompletableFuture<Decision> forgotten = decision.whenComplete((d, failure) -> pending.remove(key, decision));
        announce((reauth ? ">CLIENT:REAUTH," : ">CLIENT:CONNECT,") + clientId + "," + keyId, env);
        return forgotten;
    }

    /** {@code >CLIENT:ESTABLISHED,CID} with the client's variables. */
    public void established(long clientId, Map<String, String> env) {
        announce(">CLIENT:ESTABLISHED," + clientId, env);
    }

    /** {@code >CLIENT:DISCONNECT,CID} with the client's variables; a decision still pending is moot. */
    public void disconnected(long clientId, Map<String, String> env) {
        pending.forEach((key, decision) -> {
            if (key.clientId() == clientId) {
                decision.complete(new Decision(false, "the client left", null, List.of()));
            }
        });
        announce(">CLIENT:DISCONNECT," + clientId, env);
    }

    /** {@code client-auth CID KID} with its lines, or {@code client-auth-nt CID KID}: 2.6's answer line. */
    String authorize(long clientId, int keyId, List<String> configLines) {
        CompletableFuture<Decision> decision = pending.get(new Key(clientId, keyId));
        if (decision == null || !decision.complete(new Decision(true, "client-auth from the management interface", null, configLines))) {
            return "ERROR: client-auth command failed";
        }
        return "SUCCESS: client-auth command succeeded";
    }

    /** {@code client-deny CID KID REASON [CLIENT-REASON]}: 2.6's answer line. */
    String deny(long clientId, int keyId, String reason, String clientReason) {
        CompletableFuture<Decision> decision = pending.get(new Key(clientId, keyId));
        if (decision == null || !decision.complete(new Decision(false, "client-deny from the management interface: " + reason,
                clientReason, List.of()))) {
            return "ERROR: client-deny command failed";
        }
        return "SUCCESS: client-deny command succeeded";
    }

    /** Decisions still awaited. */
    int pending() {
        return pending.size();
    }

    private void announce(String head, Map<String, String> env) {
        List<String> lines = new ArrayList<>(env.size() + 2);
        lines.add(head);
        // A value can hold nothing that ends the line: a client's name must not forge a notification.
        env.forEach((name, value) -> lines.add(">CLIENT:ENV," + name + "=" + value.replaceAll("[\\r\\n]", "_")));
        lines.add(">CLIENT:ENV,END");
        notifications.accept(lines);
    }
}

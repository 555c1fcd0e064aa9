package dev.culvert.vpn.server;

import dev.culvert.spi.route.AddressText;
import dev.culvert.spi.route.Prefix;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which client each learned address was last told to the learn-address hook for, so that the hook
 * sees 2.6's operations: {@code add} for an address no one holds, {@code update} when a client
 * takes an address whose previous holder's {@code delete} has not been told yet (a client that
 * reconnects), and {@code delete} some time after a client left, unless the address was taken
 * again meanwhile (2.6 tells deletes when it reaps routes, not at once).
 */
final class LearnedAddresses {
    private final ConcurrentHashMap<Prefix, ServerClient> holders = new ConcurrentHashMap<>();

    /** {@code update} if another session (or this one before) still holds {@code prefix}, else {@code add}. */
    String operationFor(Prefix prefix) {
        return holders.containsKey(prefix) ? "update" : "add";
    }

    void learned(Prefix prefix, ServerClient client) {
        holders.put(prefix, client);
    }

    /** Forgets {@code client}'s hold on {@code prefix}; false if another client took it since (no delete to tell then). */
    boolean forget(Prefix prefix, ServerClient client) {
        return holders.remove(prefix, client);
    }

    /** 2.6's text for an address: a host without its length, a network with it ({@code 192.168.20.0/24}). */
    static String text(Prefix prefix) {
        boolean host = prefix.length() == (prefix.version() == 4 ? 32 : 128);
        if (!host) {
            return prefix.toString();
        }
        return prefix.version() == 4 ? AddressText.ipv4((int) prefix.lo()) : AddressText.ipv6(prefix.hi(), prefix.lo());
    }
}

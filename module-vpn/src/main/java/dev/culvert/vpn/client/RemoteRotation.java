package dev.culvert.vpn.client;

import dev.culvert.vpn.config.ConnectionList;
import dev.culvert.vpn.config.RemoteEntry;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * Which server the client tries next, and how long it pauses first, as 2.6 decides
 * (init.c {@code next_connection_entry} and {@code socket_restart_pause}):
 * <ul>
 * <li>a name is resolved when its entry's turn comes, and again at every later turn; each of its
 *     addresses is tried before the next entry;</li>
 * <li>each failed attempt moves to the next entry, wrapping round, and counts as unsuccessful;</li>
 * <li>after the tunnel came up ("Initialization Sequence Completed"), the first restart tries the
 *     same entry again and the count starts from zero;</li>
 * <li>the pause is the entry's {@code connect-retry} (1 s by default); after five unsuccessful
 *     rounds of the whole list it doubles with each further round, up to the entry's maximum
 *     (300 s by default); a server-poll timeout goes on at once;</li>
 * <li>with {@code connect-retry-max N}, the client gives up once every entry failed N times.</li>
 * </ul>
 * Used on the client's control strand only.
 */
final class RemoteRotation {
    private final List<RemoteEntry> entries;
    private final int retryMax;
    private int current;
    private long unsuccessful;
    private boolean stayOnce;
    /** The current entry's addresses, once resolved for this turn; null until then. */
    private List<InetSocketAddress> addresses;
    private int address;

    RemoteRotation(ConnectionList list) {
        this.entries = list.entries();
        this.retryMax = list.connectRetryMax();
    }

    RemoteEntry current() {
        return entries.get(current);
    }

    int size() {
        return entries.size();
    }

    /** Whether the current entry's name still has to be resolved for this turn. */
    boolean needsAddresses() {
        return addresses == null;
    }

    /** The current entry's addresses, as the resolver gave them; at least one. */
    void resolved(List<InetSocketAddress> found) {
        if (found.isEmpty()) {
            throw new IllegalArgumentException("no address for " + current());
        }
        addresses = List.copyOf(found);
        address = 0;
    }

    /** The address to try now; after {@link #resolved}. */
    InetSocketAddress address() {
        return addresses.get(address);
    }

    /** The tunnel came up on the current entry: the next restart tries it again first, and the count of failures restarts. */
    void connected() {
        unsuccessful = 0;
        stayOnce = true;
    }

    /** The current attempt ended (failed, or a running tunnel restarted): moves on as 2.6 does; returns the entry to try now. */
    RemoteEntry advance() {
        if (stayOnce) {
            stayOnce = false;
            addresses = null; // the same server, its name resolved again
            return current();
        }
        if (addresses != null && address + 1 < addresses.size()) {
            address++;
            return current();
        }
        addresses = null;
        unsuccessful++;
        current = (current + 1) % entries.size();
        return current();
    }

    /** Whether {@code connect-retry-max} is used up: every entry failed that many times. */
    boolean exhausted() {
        return retryMax > 0 && unsuccessful >= (long) retryMax * entries.size();
    }

    /**
     * The pause before the next attempt, in seconds, asked before {@link #advance}: 0 after a
     * server-poll timeout, else the back-off of the entry that just ended, by the attempts made
     * since the tunnel last came up (2.6 counts the one that ended).
     */
    int pauseSeconds(boolean afterServerPoll) {
        if (afterServerPoll) {
            return 0;
        }
        RemoteEntry entry = current();
        int seconds = entry.connectRetrySeconds();
        long attempts = stayOnce ? unsuccessful : unsuccessful + 1;
        long backoff = attempts / entries.size() - 4;
        if (backoff > 0) {
            seconds = Math.max(seconds, 1) << (int) Math.min(backoff, 15);
        }
        return Math.min(seconds, entry.connectRetryMaxSeconds());
    }

    long unsuccessful() {
        return unsuccessful;
    }
}

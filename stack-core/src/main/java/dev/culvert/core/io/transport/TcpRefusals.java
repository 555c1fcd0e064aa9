package dev.culvert.core.io.transport;

import dev.culvert.core.graph.DropReason;
import dev.culvert.core.graph.RefusalNotes;
import dev.culvert.core.packet.RemoteAddress;
import java.net.InetSocketAddress;
import java.util.function.Consumer;

/**
 * The TCP connections a listener refuses or closes (every slot taken, the handshake window passed,
 * an impossible frame length; {@link TransportDrops} words each): counted under its reason, and
 * logged once per source and interval as a refused UDP packet is ({@link RefusalNotes}), so that a
 * stranger hammering TCP 443 leaves one line a minute, not one per connection and not none.
 *
 * <p>Locked: a connection may be closed from the worker's poll and from a {@code forget} on the
 * control thread, and refusals are rare enough that the lock costs nothing on the data path.
 */
final class TcpRefusals {
    private final TransportDrops drops;
    private final RefusalNotes notes;
    private final RemoteAddress from = RemoteAddress.holder();

    TcpRefusals(TransportDrops drops, Consumer<String> log) {
        this.drops = drops;
        this.notes = new RefusalNotes(RefusalNotes.DEFAULT_CAPACITY, RefusalNotes.DEFAULT_INTERVAL_NANOS, System::nanoTime, log);
    }

    /** Counts a connection from {@code remote} refused or closed for {@code why}, and logs it when a line is due. */
    synchronized void refused(DropReason why, InetSocketAddress remote) {
        drops.count(why, 1);
        if (remote == null) {
            return;
        }
        from.set(remote);
        notes.refused(why, from);
    }
}

package dev.culvert.core.offload;

import dev.culvert.core.graph.DropReason;
import dev.culvert.core.graph.DropTally;

/**
 * Why a packet the TUN device handed over with a {@link VirtioNetHeader} did not enter the
 * stack, or segments joined for the device did not reach it. The device is the local kernel, so each of these is rare; each is counted, not assumed away.
 */
public final class OffloadDrops extends DropTally {
    /** The header and the packet disagree: offsets past its end, a length field that is not its length, a type for another IP version. */
    public static final DropReason MALFORMED = DropReason.of("offload.malformed");
    /** A segmentation type this reader did not ask the device for (UDP fragmentation). */
    public static final DropReason UNSUPPORTED_TYPE = DropReason.of("offload.unsupported-gso-type");
    /** A packet, or one segment of a super-packet, larger than a pooled buffer holds. */
    public static final DropReason TOO_LARGE = DropReason.of("offload.too-large");
    /** No pooled buffer was free for a segment; the rest of its super-packet is dropped (TCP sends it again). */
    public static final DropReason POOL_EXHAUSTED = DropReason.of("offload.pool-exhausted");

    /** The device refused a super-packet joined from segments already taken from the stack; counts segments. */
    public static final DropReason JOINED_WRITE_REFUSED = DropReason.of("offload.joined-write-refused");

    public OffloadDrops() {
        super(MALFORMED, UNSUPPORTED_TYPE, TOO_LARGE, POOL_EXHAUSTED, JOINED_WRITE_REFUSED);
    }
}

package dev.culvert.vpn.control;

import dev.culvert.core.graph.DropReason;

/** Why the reliability layer did not take a control packet. */
public final class ReliableDrops {
    /** A message id 12 or more ahead of the next expected one (not ACKed: the sender will retry). */
    public static final DropReason OUT_OF_WINDOW = DropReason.of("vpn.reliable.out-of-window");
    /** A message id already delivered or buffered: ACKed again, not delivered again. */
    public static final DropReason DUPLICATE = DropReason.of("vpn.reliable.duplicate");
    /** The sender's session id is not the peer's this key state talks to. */
    public static final DropReason WRONG_SESSION = DropReason.of("vpn.control.wrong-session");
    /** The ACK array names a session id other than ours. */
    public static final DropReason ACK_FOR_OTHER_SESSION = DropReason.of("vpn.control.ack-for-other-session");
    /** The key id is not this key state's. */
    public static final DropReason WRONG_KEY_ID = DropReason.of("vpn.control.wrong-key-id");

    private ReliableDrops() {
    }
}

package dev.culvert.vpn.wire;

import dev.culvert.core.graph.DropReason;

/** Why a plain control packet was refused by {@link ControlPacketView}. */
public final class ControlDrops {
    /** Shorter than its fixed fields or its ACK array say it must be. */
    public static final DropReason TRUNCATED = DropReason.of("vpn.control.truncated");
    /** More than 8 ids in the ACK array; 2.6 refuses the packet too. */
    public static final DropReason TOO_MANY_ACKS = DropReason.of("vpn.control.too-many-acks");
    /** An opcode that is not a legal control opcode (data, key-method 1, or unassigned). */
    public static final DropReason BAD_OPCODE = DropReason.refusal("vpn.control.bad-opcode", "an opcode OpenVPN does not have");
    /** The sender's or the acknowledged peer's session id is all zeros, which OpenVPN never uses. */
    public static final DropReason ZERO_SESSION_ID = DropReason.of("vpn.control.zero-session-id");
    /** A P_ACK_V1 without any ACK, or carrying payload bytes: it has nothing to say. */
    public static final DropReason EMPTY_ACK = DropReason.of("vpn.control.empty-ack");

    private ControlDrops() {
    }
}

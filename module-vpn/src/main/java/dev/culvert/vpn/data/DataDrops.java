package dev.culvert.vpn.data;

import dev.culvert.core.graph.DropReason;

/** Why the data channel refused a packet, received or to be sent. */
public final class DataDrops {
    /** Shorter than its header, packet id and tag. */
    public static final DropReason TRUNCATED = DropReason.of("vpn.data.truncated");
    /** The opcode is not P_DATA_V1 or P_DATA_V2. */
    public static final DropReason NOT_DATA = DropReason.of("vpn.data.not-data");
    /** No live key for the packet's key id (or, when sending, no primary key yet). */
    public static final DropReason UNKNOWN_KEY = DropReason.of("vpn.data.unknown-key");
    /** A P_DATA_V2 whose peer-id is not the one this channel expects. */
    public static final DropReason WRONG_PEER_ID = DropReason.of("vpn.data.wrong-peer-id");
    /** Too long for the buffer: the AEAD needs tag-sized room after the ciphertext. */
    public static final DropReason TOO_LONG = DropReason.of("vpn.data.too-long");
    /** The tag did not verify. */
    public static final DropReason AUTH_FAILED = DropReason.refusal("vpn.data.auth-failed", "a data packet that did not authenticate (not its session's key)");
    /** Authenticated, but its packet id was seen, is 0, or fell out of the replay window. */
    public static final DropReason REPLAY = DropReason.refusal("vpn.data.replay", "a replayed data packet (its packet id was seen before, or is too old)");
    /** Sending: the key's packet ids are used up; it must be renegotiated. */
    public static final DropReason PACKET_ID_EXHAUSTED = DropReason.of("vpn.data.packet-id-exhausted");
    /** A CBC packet that authenticated but is not whole blocks, has bad padding or no packet id: only a broken peer sends one. */
    public static final DropReason CBC_MALFORMED = DropReason.of("vpn.data.cbc-malformed");
    /** Sending: the JDK's AES-CBC refused a packet (it does not on whole blocks); the packet is dropped. */
    public static final DropReason SEAL_FAILED = DropReason.of("vpn.data.seal-failed");
    /** Sending: not enough headroom for the header or tailroom for the tag. */
    public static final DropReason NO_ROOM = DropReason.of("vpn.data.no-room");

    private DataDrops() {
    }
}

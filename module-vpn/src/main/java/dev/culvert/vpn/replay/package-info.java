/**
 * OpenVPN's packet-id replay protection (packet_id.c), written once for both channels: the
 * receive-side {@link dev.culvert.vpn.replay.ReplayWindow} and the send-side
 * {@link dev.culvert.vpn.replay.ReplayCounter}. The data channel uses the short form (a 4-byte id,
 * no time); tls-auth and tls-crypt use the long form (id and the sender's time). No I/O and no
 * clock: ids and {@code nowNanos} come in, a {@link dev.culvert.vpn.replay.ReplayVerdict} comes out,
 * and the caller turns a refusal into its own counted drop reason.
 *
 * <p>May depend on: none
 */
package dev.culvert.vpn.replay;

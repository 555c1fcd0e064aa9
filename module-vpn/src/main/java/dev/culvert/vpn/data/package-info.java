/**
 * The OpenVPN 2.6 data channel without I/O: sealing and opening P_DATA_V1/P_DATA_V2 packets in
 * place on a {@link dev.culvert.core.packet.Packet} with an AEAD cipher, or with AES-CBC and an
 * HMAC for legacy peers ({@link dev.culvert.vpn.data.CbcHmac}, on the JDK's cipher) (the replay check by
 * {@link dev.culvert.vpn.replay.ReplayWindow}), and recognising keepalive pings and OCC messages
 * after decryption. Time comes in as nanoseconds from the caller; nothing here reads a clock.
 *
 * <p>Cipher contexts come from an {@link dev.culvert.spi.aead.AeadProvider}, or from an
 * {@link dev.culvert.vpn.data.AeadSource} that follows the {@code aead} slot: a
 * {@link dev.culvert.vpn.data.KeyContext} rebuilds each direction's context from its key bytes,
 * on the thread that uses it, when the source names another provider. Every refused packet is named by a {@link dev.culvert.core.graph.DropReason}
 * in {@link dev.culvert.vpn.data.DataDrops}; the node that owns the packet counts and releases it.
 *
 * <p>May depend on: dev.culvert.core.graph, dev.culvert.core.packet, dev.culvert.spi.aead,
 * dev.culvert.vpn.keys, dev.culvert.vpn.replay
 */
package dev.culvert.vpn.data;

/**
 * Packets and the pool they live in.
 *
 * <p>A {@link dev.culvert.core.packet.Packet} is a window onto one fixed-size slice of a direct
 * buffer owned by a {@link dev.culvert.core.packet.PacketPool}. The window starts after some
 * headroom and leaves some tailroom, so that headers are prepended and tags appended in place.
 * The data path moves packets in {@link dev.culvert.core.packet.PacketBatch}es and allocates
 * nothing per packet.
 *
 * <p>May depend on: none
 */
package dev.culvert.core.packet;

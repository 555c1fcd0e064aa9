/**
 * Offloads between a TUN device and the stack, done in user space: the device hands over TCP
 * (and, where the kernel has it, UDP) super-packets of up to 64 KiB with one
 * {@link dev.culvert.core.offload.VirtioNetHeader} in front, and packets whose transport checksum
 * the kernel left for the reader to complete. {@link dev.culvert.core.offload.SuperPacketSplitter}
 * cuts each into the wire-sized packets a peer expects, every checksum filled in, so one read
 * from the device carries what would otherwise take dozens.
 *
 * <p>Everything here is plain byte work over pooled packets, testable without a device: the TUN
 * package does the system calls. A super-packet comes from the local kernel, yet each is still
 * checked before it is cut (lengths, offsets, the segment size), and one that does not hold
 * together is dropped with a counted reason ({@link dev.culvert.core.offload.OffloadDrops}).
 *
 * <p>May depend on: dev.culvert.core.checksum, dev.culvert.core.graph, dev.culvert.core.packet
 */
package dev.culvert.core.offload;

/**
 * UDP and TCP transports on libc sockets. Each worker owns its own non-blocking socket, bound with
 * {@code SO_REUSEPORT} to the same address, so the kernel spreads peers across workers; the sockets
 * of one endpoint share a {@link dev.culvert.core.io.transport.PeerTable}, so a peer has one handle
 * whichever worker sends to it. UDP moves batches with {@code recvmmsg}/{@code sendmmsg}; TCP frames
 * each packet with OpenVPN's 2-byte length and keeps a bounded send queue per connection, so a slow
 * peer costs a fixed amount of memory and then sees its packets dropped (counted), never the heap
 * grow.
 *
 * <p>IPv6 sockets are bound with {@code IPV6_V6ONLY}, so an IPv4 and an IPv6 endpoint on the same
 * port are independent; a node listens on as many endpoints as it opens.
 *
 * <p>May depend on: dev.culvert.core.graph, dev.culvert.core.io.nativeio, dev.culvert.core.io.owner, dev.culvert.core.packet,
 * dev.culvert.core.worker, dev.culvert.spi.transport
 */
package dev.culvert.core.io.transport;

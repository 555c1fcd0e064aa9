/**
 * An in-memory datagram network, the outside of a stack without sockets: endpoints bound to
 * socket addresses exchange datagrams through bounded queues, in one JVM, with no root and no
 * file descriptor. A {@link dev.culvert.core.io.memory.MemoryTransport} is a
 * {@link dev.culvert.spi.transport.Transport} with the guarantees of the UDP transport (bounded
 * queues, every drop counted with its reason, small integer handles for addresses), and it
 * {@linkplain dev.culvert.core.worker.Signalled signals} its input, so a worker reads it as it
 * reads a socket. Tests run a client and a server whole on it, as wireguard-go's tests do with
 * their in-memory bind.
 *
 * <p>May depend on: dev.culvert.core.graph, dev.culvert.core.io.transport, dev.culvert.core.packet,
 * dev.culvert.core.worker, dev.culvert.spi.transport
 */
package dev.culvert.core.io.memory;

/**
 * The threading model: data-plane {@link dev.culvert.core.worker.Worker}s and the
 * {@link dev.culvert.core.worker.ControlExecutor}.
 *
 * <p>A worker is one thread with one epoll set. It waits on its TUN queue, its sockets and an
 * eventfd, reads whatever is ready in batches, runs each batch through the graph, and flushes its
 * transports. A source without a descriptor (a virtual link, an in-memory transport) is
 * {@link Signalled}: it flags its input and wakes the worker through the eventfd. The worker is
 * the {@link dev.culvert.core.graph.WorkerContext} of its graph runner, so a node reaches the
 * worker's links and transports through its emitter, never by asking the thread. Between batches it runs what the control side {@linkplain Worker#post posted} to it
 * and drains its {@linkplain PacketInbox inbox} of packets other workers handed over.
 *
 * <p>Everything that may block or take long (TLS handshakes, key derivation, configuration,
 * DNS, files, {@code ip}) runs on the control executor. The data plane never waits for it: the
 * executor publishes results by posting a task to the worker, or through a
 * {@link dev.culvert.core.worker.Published} reference the worker reads between batches.
 *
 * <p>Per-peer order: each tunnel peer (a packet's destination peer) belongs to one worker ({@link FlowOwners}); the
 * {@link OwnerHandoff} node moves a packet read on another worker to the owner's inbox, so packet
 * ids for a peer are assigned and sent by one thread, in order, whichever TUN queue a packet came
 * from. Inboxes are bounded; an overflow is a counted drop, never a reordering.
 *
 * <p>May depend on: dev.culvert.core.graph, dev.culvert.core.io.nativeio, dev.culvert.core.packet,
 * dev.culvert.spi.link, dev.culvert.spi.transport
 */
package dev.culvert.core.worker;

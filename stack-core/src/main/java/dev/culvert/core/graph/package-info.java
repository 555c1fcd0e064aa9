/**
 * The node graph: how packets move through the kernel.
 *
 * <p>A {@link dev.culvert.core.graph.Node} processes a batch and gives every packet a next step,
 * either one of its named output ports or a drop with a {@link dev.culvert.core.graph.DropReason}.
 * A {@link dev.culvert.core.graph.Graph} wires ports to nodes; a node with no ports is a sink that
 * takes ownership of what it receives. A {@link dev.culvert.core.graph.GraphRunner} executes the
 * graph on one thread, counts packets, bytes and drops per node in
 * {@link dev.culvert.core.graph.NodeCounters}, and makes sure no packet is lost silently: a packet a
 * node neither forwarded nor dropped, or one in flight when a node threw, is dropped with a reason.
 *
 * <p>A node reaches the worker that runs it, its links and transports through
 * {@link dev.culvert.core.graph.Emitter#worker()}, a {@link dev.culvert.core.graph.WorkerContext}.
 *
 * <p>May depend on: dev.culvert.core.packet, dev.culvert.spi.link, dev.culvert.spi.transport
 */
package dev.culvert.core.graph;

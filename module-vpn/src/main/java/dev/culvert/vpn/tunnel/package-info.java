/**
 * What the client and the server runtimes do alike, written once: the seal and open nodes of the
 * data path ({@link dev.culvert.vpn.tunnel.SealNode}, {@link dev.culvert.vpn.tunnel.OpenNode})
 * with the small interfaces a role implements for them ({@code TunnelPeer}, {@code PeerDirectory}),
 * a session's output taken to the worker that owns its transport ({@code WorkerOutput}), a peer's
 * control work run in order on the shared control executor ({@code ControlStrand}) with its
 * session timer ({@code TickTimer}, the tick clamp), and the slots a runtime needs, looked up with
 * their errors ({@code RuntimeSlots}); the {@code tls} and {@code aead} slots are followed
 * ({@code FollowedTls}, {@code FollowedAead}), so that a swap reaches running sessions, and
 * {@code KeyOrigin} shows in {@code culvert:sessions} where each session's current key came from.
 * The graph of a node with one peer is here ({@code OnePeerGraph}), and the warming of a node's data
 * path once it is up ({@code DataPathWarmUp}), which rehearses made-up traffic through two copies of
 * that graph ({@code GraphRehearsal}).
 *
 * <p>May depend on: dev.culvert.core.checksum, dev.culvert.core.compress, dev.culvert.core.graph,
 * dev.culvert.core.graph.arc, dev.culvert.core.l3, dev.culvert.core.link, dev.culvert.core.packet, dev.culvert.core.slot,
 * dev.culvert.core.worker, dev.culvert.spi.aead, dev.culvert.spi.compress, dev.culvert.spi.feature, dev.culvert.spi.l3,
 * dev.culvert.spi.link, dev.culvert.spi.route, dev.culvert.spi.tls, dev.culvert.spi.transport, dev.culvert.vpn.data,
 * dev.culvert.vpn.keys, dev.culvert.vpn.replay, dev.culvert.vpn.session, dev.culvert.vpn.wire
 */
package dev.culvert.vpn.tunnel;

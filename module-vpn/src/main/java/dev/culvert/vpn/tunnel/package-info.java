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
 *
 * <p>May depend on: dev.culvert.core.graph, dev.culvert.core.packet, dev.culvert.core.slot,
 * dev.culvert.core.worker, dev.culvert.spi.aead, dev.culvert.spi.link, dev.culvert.spi.tls,
 * dev.culvert.spi.transport, dev.culvert.vpn.data, dev.culvert.vpn.keys, dev.culvert.vpn.session, dev.culvert.vpn.wire
 */
package dev.culvert.vpn.tunnel;

/**
 * What the client and the server runtimes do alike, written once: the seal and open nodes of the
 * data path ({@link dev.culvert.vpn.tunnel.SealNode}, {@link dev.culvert.vpn.tunnel.OpenNode})
 * with the small interfaces a role implements for them ({@code TunnelPeer}, {@code PeerDirectory}),
 * a session's output taken to the worker that owns its transport ({@code WorkerOutput}), a peer's
 * control work run in order on the shared control executor ({@code ControlStrand}) with its
 * session timer ({@code TickTimer}, the tick clamp), and the slots a runtime needs, looked up with
 * their errors ({@code RuntimeSlots}).
 *
 * <p>May depend on {@code dev.culvert.core.graph}, {@code dev.culvert.core.packet},
 * {@code dev.culvert.core.worker}, {@code dev.culvert.core.slot}, the SPIs, and this module's
 * {@code session} and {@code wire} packages.
 */
package dev.culvert.vpn.tunnel;

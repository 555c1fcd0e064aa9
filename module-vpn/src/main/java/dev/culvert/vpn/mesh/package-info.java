/**
 * A full mesh's configuration (issue 13): the peers a mesh node keeps a point-to-point session to
 * ({@link dev.culvert.vpn.mesh.MeshPeer}), read from {@code culvert-mesh-peer NAME HOST:PORT
 * PREFIX...} lines ({@link dev.culvert.vpn.mesh.MeshPeerLine}) or a peers file in the same format
 * that is re-read on change ({@link dev.culvert.vpn.mesh.MeshPeersFile},
 * {@link dev.culvert.vpn.mesh.PeerChanges}), and which side of each pair is the TLS server
 * ({@link dev.culvert.vpn.mesh.TlsTieBreak}), and the route table kept in step with which peers are
 * up ({@link dev.culvert.vpn.mesh.MeshRoutes}).
 *
 * <p>No sockets, no sessions: the mesh role builds on it.
 *
 * <p>May depend on: dev.culvert.spi.config, dev.culvert.spi.route
 */
package dev.culvert.vpn.mesh;

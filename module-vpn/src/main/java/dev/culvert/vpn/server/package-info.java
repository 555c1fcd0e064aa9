/**
 * The roles with many peers on one TUN device, on real devices: the OpenVPN server (many clients
 * over many listeners, UDP and TCP, IPv4 and IPv6, spread over every core) and the full-mesh node
 * ({@link dev.culvert.vpn.server.MeshNode}, a 2.6 point-to-point session per peer over one UDP
 * socket, {@code MeshSessions}), which share the worker graph ({@code PeerGraph}), the client
 * table and the pre-authentication gate; the topology is the route slot's router. {@link dev.culvert.vpn.server.ServerNode}
 * owns the devices and workers. Its data path is the shared {@code OpenNode} and {@code SealNode}
 * of {@code vpn.tunnel}, with {@code ListenerPeers} (who sent a packet, and the pre-authentication
 * gate for strangers) and {@code ServerClient} as a peer, plus its own {@code RouteNode} and
 * {@code SendNode}. {@code ClientLifecycle} takes a client from the gate to removal on its
 * {@code ControlStrand}; {@code StatusReport} writes the status file and answers
 * {@code culvert:sessions}.
 *
 * <p>Routing is reached only through the
 * {@code route} slot.
 *
 * <p>May depend on: dev.culvert.core.compress, dev.culvert.core.config, dev.culvert.core.embed,
 * dev.culvert.core.graph, dev.culvert.core.graph.arc, dev.culvert.core.l3, dev.culvert.core.link, dev.culvert.core.logging,
 * dev.culvert.core.packet, dev.culvert.core.slot, dev.culvert.core.worker, dev.culvert.spi.aead,
 * dev.culvert.spi.compress, dev.culvert.spi.config, dev.culvert.spi.hook, dev.culvert.vpn.hook, dev.culvert.vpn.token,
 * dev.culvert.spi.l3, dev.culvert.spi.link, dev.culvert.spi.node, dev.culvert.spi.route,
 * dev.culvert.spi.tls, dev.culvert.spi.transport, dev.culvert.vpn.ccd, dev.culvert.vpn.config,
 * dev.culvert.vpn.files, dev.culvert.vpn.keys, dev.culvert.vpn.management, dev.culvert.vpn.mesh, dev.culvert.vpn.metrics, dev.culvert.vpn.pem, dev.culvert.vpn.pool, dev.culvert.vpn.preauth,
 * dev.culvert.vpn.push, dev.culvert.vpn.session, dev.culvert.vpn.status, dev.culvert.vpn.tunnel,
 * dev.culvert.vpn.wire
 */
package dev.culvert.vpn.server;

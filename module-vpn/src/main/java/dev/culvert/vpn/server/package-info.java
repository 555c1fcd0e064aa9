/**
 * The OpenVPN server role on real devices: many clients over many listeners (UDP and TCP, IPv4
 * and IPv6) on one TUN device, spread over every core. {@link dev.culvert.vpn.server.ServerNode}
 * owns the devices and workers. Its data path is the shared {@code OpenNode} and {@code SealNode}
 * of {@code vpn.tunnel}, with {@code ListenerPeers} (who sent a packet, and the pre-authentication
 * gate for strangers) and {@code ServerClient} as a peer, plus its own {@code RouteNode} and
 * {@code SendNode}. {@code ClientLifecycle} takes a client from the gate to removal on its
 * {@code ControlStrand}; {@code StatusReport} writes the status file and answers
 * {@code culvert:sessions}.
 *
 * <p>May depend on stack-core's kernel and SPI, and on this module's session, preauth, config,
 * ccd, pool, push, status, tunnel and wire packages. Routing is reached only through the
 * {@code route} slot.
 */
package dev.culvert.vpn.server;

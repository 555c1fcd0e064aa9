/**
 * The OpenVPN server role on real devices: many clients over many listeners (UDP and TCP, IPv4
 * and IPv6) on one TUN device, spread over every core. {@link dev.culvert.vpn.server.ServerNode}
 * owns the devices and workers; {@code ServerIngress}, {@code ServerRoute}, {@code ServerSeal} and
 * {@code ServerSend} are its data-plane nodes; {@code ClientLifecycle} takes a client from the
 * pre-authentication gate to removal on its {@code ControlStrand}; {@code StatusReport} writes the
 * status file and answers {@code culvert:sessions}.
 *
 * <p>May depend on stack-core's kernel and SPI, and on this module's session, preauth, config,
 * ccd, pool, push and status packages. Routing is reached only through the {@code route} slot.
 */
package dev.culvert.vpn.server;

/**
 * What an OpenVPN 2.6 server does with a packet from a source it has no session for, before any
 * state is made for it: the stateless HMAC session-id cookie (openvpn.md §5.5), the gate that checks
 * tls-auth/tls-crypt and the handshake shape and answers a UDP client's hard reset without keeping
 * anything, and the {@code connect-freq} limit on new sessions. Everything here is built so that a
 * flood of spoofed packets costs CPU but no memory: no structure grows per source.
 *
 * <p>Nothing depends on it but the server
 * runtime.
 *
 * <p>May depend on: dev.culvert.core.graph, dev.culvert.core.packet, dev.culvert.vpn.control, dev.culvert.vpn.session,
 * dev.culvert.vpn.wire
 */
package dev.culvert.vpn.preauth;

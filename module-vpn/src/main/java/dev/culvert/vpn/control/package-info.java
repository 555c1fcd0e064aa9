/**
 * The OpenVPN control channel below TLS: tls-auth / tls-crypt / tls-crypt-v2 / no wrapping around
 * each control packet, the key files they read (static keys, tls-crypt-v2's server and client keys
 * and the wrapped client key), 2.6's early negotiation, and the reliability layer
 * (message ids, ACKs, retransmission, in-order delivery) that carries the TLS byte stream. Pure
 * state machines: bytes and the current time ({@code long nowNanos}, passed in, never read here)
 * go in, packets and bytes come out.
 *
 * <p>Internal to module-vpn.
 *
 * <p>May depend on: dev.culvert.core.graph, dev.culvert.vpn.keys (the {@code --auth} digests), dev.culvert.vpn.replay,
 * dev.culvert.vpn.wire
 */
package dev.culvert.vpn.control;

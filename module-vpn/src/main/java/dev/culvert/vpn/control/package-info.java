/**
 * The OpenVPN control channel below TLS: tls-auth / tls-crypt (v1) / no wrapping around each control
 * packet, the static key file they share, and the reliability layer
 * (message ids, ACKs, retransmission, in-order delivery) that carries the TLS byte stream. Pure
 * state machines: bytes and the current time ({@code long nowNanos}, passed in, never read here)
 * go in, packets and bytes come out.
 *
 * <p>Internal to module-vpn.
 *
 * <p>May depend on: dev.culvert.core.graph, dev.culvert.vpn.replay, dev.culvert.vpn.wire
 */
package dev.culvert.vpn.control;

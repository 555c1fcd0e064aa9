/**
 * What travels as text over the OpenVPN 2.6 control channel once keys are exchanged: the
 * NUL-separated control messages ({@code PUSH_REQUEST}, {@code PUSH_REPLY}, {@code AUTH_FAILED},
 * {@code EXIT}, …), the {@code PUSH_REPLY} options a client applies and a server builds, and
 * cipher negotiation (NCP: {@code data-ciphers}, {@code IV_CIPHERS}, the pushed {@code cipher}).
 *
 * <p>Everything read here came from the peer: parsers bound every length and report a named
 * reason instead of throwing; unknown options become warnings, malformed known ones a refusal.
 *
 * <p>May depend on: dev.culvert.core.graph, dev.culvert.spi.aead, dev.culvert.spi.route,
 * dev.culvert.vpn.keys
 */
package dev.culvert.vpn.push;

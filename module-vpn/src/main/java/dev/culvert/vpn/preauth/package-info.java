/**
 * What an OpenVPN 2.6 server does with a packet from a source it has no session for, before any
 * state is made for it: the stateless HMAC session-id cookie (openvpn.md §5.5), the gate that checks
 * tls-auth/tls-crypt and the handshake shape and answers a UDP client's hard reset without keeping
 * anything, and the {@code connect-freq} limit on new sessions. Everything here is built so that a
 * flood of spoofed packets costs CPU but no memory: no structure grows per source.
 *
 * <p>Depends on {@code dev.culvert.vpn.control} (the wrappings' stateless unwrap and wrap),
 * {@code dev.culvert.vpn.wire}, {@code dev.culvert.vpn.session} (the wrapping factory, drop
 * counters, and the replay id the session core continues after), {@code dev.culvert.core.graph}
 * (drop reasons) and the JDK (javax.crypto from SunJCE). Nothing depends on it but the server
 * runtime.
 */
package dev.culvert.vpn.preauth;

/**
 * The OpenVPN 2.6 session state machine without I/O, in the style of boringtun's {@code Tunn}:
 * wire bytes and the time ({@code nowNanos}) go in; wire packets to send, inside packets to deliver
 * and {@link dev.culvert.vpn.session.SessionEvent events} come out through a
 * {@link dev.culvert.vpn.session.SessionOutput}.
 *
 * <p>Split for threads: {@link dev.culvert.vpn.session.VpnSession} is the control side (hard and
 * soft resets, TLS over the control channel, key method 2, PUSH_REQUEST/PUSH_REPLY, timers) and is
 * driven by one control thread; {@link dev.culvert.vpn.session.DataPlane} is the data side (seal and
 * open per packet), which reads an immutable {@link dev.culvert.vpn.session.DataKeySet} the control
 * side publishes atomically and never waits for it. One thread at a time seals (packet ids), one at
 * a time opens (replay window).
 *
 * <p>Split by concept behind the {@code VpnSession} façade: {@code KeySchedule} (key states:
 * primary, lame duck, retiring, and their timers), {@code KeyMethod2Exchange}, {@code TlsConversation}
 * (what runs over each key state's TLS session), {@code RoleControl} with {@code ClientControl} and
 * {@code ServerControl}, {@code Keepalive}, {@code ExitNotification}, all sharing one
 * {@code SessionContext}. Settings come as
 * {@link dev.culvert.vpn.session.SessionSettings}: a {@link dev.culvert.vpn.session.CommonSettings}
 * part and a {@link dev.culvert.vpn.session.ClientSettings} or
 * {@link dev.culvert.vpn.session.ServerSettings} part.
 *
 * <p>Certificates: after every TLS handshake, before key method 2, {@code TlsConversation} runs the
 * configuration's {@link dev.culvert.vpn.session.PeerCertificatePolicy} (crl-verify and the other
 * OpenVPN checks, implemented in {@code vpn.peercert}) and the session's {@code PeerIdentityLock}
 * (key id 0's common name and certificates, held against every renegotiation); a refusal is a
 * counted {@link dev.culvert.vpn.session.PeerRefusal} and ends the session. A
 * {@link dev.culvert.vpn.session.PeerCertificateVerifier} that answers later ({@code tls-verify}) is
 * asked next: the key state waits, holding the peer's records, until the runtime hands its answer
 * back ({@link dev.culvert.vpn.session.SessionEvent.CertificateToVerify}).
 *
 * <p>May depend on: dev.culvert.core.graph, dev.culvert.core.packet, dev.culvert.spi.aead,
 * dev.culvert.spi.tls, dev.culvert.vpn.control, dev.culvert.vpn.data, dev.culvert.vpn.fragment, dev.culvert.vpn.keys,
 * dev.culvert.vpn.push, dev.culvert.vpn.replay, dev.culvert.vpn.wire
 */
package dev.culvert.vpn.session;

package dev.culvert.vpn.client;

import dev.culvert.core.graph.DropReason;
import dev.culvert.core.packet.RemoteAddress;
import dev.culvert.vpn.control.ControlPlaintext;
import dev.culvert.vpn.control.ControlWrap;
import dev.culvert.vpn.control.WrapDrops;
import dev.culvert.vpn.preauth.PreAuthDrops;
import dev.culvert.vpn.preauth.PreAuthGate;
import dev.culvert.vpn.preauth.SessionIdCookie;
import dev.culvert.vpn.preauth.Verdict;
import dev.culvert.vpn.session.ControlWrapFactory;
import java.security.SecureRandom;

/**
 * What a point-to-point TLS server without {@code remote} lets a control packet from an address
 * other than its current peer's do, checked on the worker before the packet is copied or queued.
 * It is the server's {@link PreAuthGate} in its TCP form (no cookies: one handshake at a time, and
 * a p2p server keeps one session, so there is nothing to bound), so that only a hard reset that
 * passes the wrapping check (tls-auth HMAC, tls-crypt tag; anything with plain TLS) may become the
 * peer. Any other control packet from a stranger goes to the session (it may be the peer's own
 * after a change of address) only if its wrapping checks. Keeps nothing per source. Not thread-safe: the one worker's.
 */
final class FirstPeerGate implements AutoCloseable {
    /** What to do with the packet. */
    enum Fate {
        /** A wrapping-checked hard reset: the session takes it, and if it has no peer yet, its sender becomes the peer. */
        MAY_BECOME_PEER,
        /** Not a hard reset: the session takes it (its own checks decide) but the sender is not learned. */
        SESSION_ONLY,
        /** Refused here ({@link #reason()}): the session never sees it. */
        REFUSED,
    }

    private final PreAuthGate gate;
    /** For packets other than resets, which the gate refuses by opcode before their wrapping. */
    private final ControlWrap wrap;
    private final ControlPlaintext plain = new ControlPlaintext();
    private DropReason reason;

    FirstPeerGate(ControlWrapFactory wrapping) {
        // The TCP form never computes a cookie; the gate only requires one.
        gate = new PreAuthGate(new SessionIdCookie(new SecureRandom(), 60), wrapping, false);
        wrap = wrapping.create(0);
    }

    /** Checks {@code buf[off, off+len)} from {@code source}; never throws. */
    Fate check(byte[] buf, int off, int len, RemoteAddress source) {
        Verdict v = gate.checkFrom(buf, off, len, source, 0, 0, null);
        reason = v.reason();
        if (v.kind() == Verdict.Kind.NEW_SESSION) {
            return Fate.MAY_BECOME_PEER;
        }
        if (reason != PreAuthDrops.NOT_A_RESET) {
            return Fate.REFUSED;
        }
        // A control packet other than a reset may be the peer's own after its address changed (float), if its wrapping checks.
        DropReason unwrapped = len < 1 ? WrapDrops.TRUNCATED : wrap.unwrapStateless(buf, off, len, plain);
        if (unwrapped != null) {
            reason = PreAuthDrops.ofUnwrap(unwrapped);
            return Fate.REFUSED;
        }
        return Fate.SESSION_ONLY;
    }

    /** Why the last {@link Fate#REFUSED} packet was refused. */
    DropReason reason() {
        return reason;
    }

    /** Wipes the gate's copy of the wrapping keys. */
    @Override
    public void close() {
        gate.close();
        wrap.close();
    }
}

package dev.culvert.vpn.session;

import dev.culvert.vpn.control.NoWrap;
import java.util.Objects;

/**
 * How control packets are wrapped: the factory that makes each session's wrapper, and whether it
 * is tls-auth (the OCC options string says so; tls-crypt and no wrapping look alike there).
 */
public record ControlWrapping(ControlWrapFactory factory, boolean tlsAuth) {
    public ControlWrapping {
        Objects.requireNonNull(factory, "factory");
    }

    /** tls-auth: an HMAC on every control packet. */
    public static ControlWrapping tlsAuth(ControlWrapFactory factory) {
        return new ControlWrapping(factory, true);
    }

    /** tls-crypt, or no wrapping at all. */
    public static ControlWrapping notTlsAuth(ControlWrapFactory factory) {
        return new ControlWrapping(factory, false);
    }

    /** No wrapping: control packets in the clear (2.6 without tls-auth, tls-crypt or tls-crypt-v2). */
    public static ControlWrapping none() {
        return notTlsAuth(epoch -> new NoWrap());
    }

    /** {@link #tlsAuth} when {@code isTlsAuth}, else {@link #notTlsAuth}: for a configuration that decides at run time. */
    public static ControlWrapping of(ControlWrapFactory factory, boolean isTlsAuth) {
        return isTlsAuth ? tlsAuth(factory) : notTlsAuth(factory);
    }
}

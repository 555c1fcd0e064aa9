package dev.culvert.vpn.keys;

import dev.culvert.core.graph.DropReason;

/** Why a key-method-2 message was refused; each is a counted reason. */
public final class KeyMethod2Rejects {
    /** Longer than the 2048 bytes a 2.6 peer can take in one TLS record. */
    public static final DropReason TOO_LONG = DropReason.of("vpn.km2.too-long");
    /** Ends before a fixed field or inside a string. */
    public static final DropReason TRUNCATED = DropReason.of("vpn.km2.truncated");
    /** Key method (low 4 bits of byte 4) is not 2. */
    public static final DropReason BAD_METHOD = DropReason.of("vpn.km2.bad-method");
    /** Options string longer than 512 bytes with its NUL. */
    public static final DropReason OPTIONS_TOO_LONG = DropReason.of("vpn.km2.options-too-long");
    /** Username longer than 128 bytes with its NUL. */
    public static final DropReason USERNAME_TOO_LONG = DropReason.of("vpn.km2.username-too-long");
    /** Password longer than 128 bytes with its NUL. */
    public static final DropReason PASSWORD_TOO_LONG = DropReason.of("vpn.km2.password-too-long");

    private KeyMethod2Rejects() {
    }
}

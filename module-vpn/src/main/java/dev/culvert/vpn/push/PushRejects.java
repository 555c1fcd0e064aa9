package dev.culvert.vpn.push;

import dev.culvert.core.graph.DropReason;

/** Why a PUSH_REPLY was refused. */
public final class PushRejects {
    /** The message does not start with {@code PUSH_REPLY} followed by a comma or nothing. */
    public static final DropReason NOT_PUSH_REPLY = DropReason.of("vpn.push.not-push-reply");
    /** A known option with the wrong number of arguments or an argument that does not parse. */
    public static final DropReason BAD_OPTION = DropReason.of("vpn.push.bad-option");
    /** More parts, options or bytes than any real server sends. */
    public static final DropReason TOO_LONG = DropReason.of("vpn.push.too-long");
    /** An option a {@code pull-filter reject} line matches: the client refuses the push and restarts, as 2.6 does. */
    public static final DropReason FILTERED = DropReason.of("vpn.push.rejected-by-pull-filter");

    private PushRejects() {
    }
}

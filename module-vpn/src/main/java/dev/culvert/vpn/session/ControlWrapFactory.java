package dev.culvert.vpn.session;

import dev.culvert.vpn.control.ControlWrap;

/**
 * Makes the control-packet wrapping for one session (a new replay counter each time). The
 * {@code epochSeconds} is the wall-clock time tls-auth and tls-crypt put in their replay ids.
 */
@FunctionalInterface
public interface ControlWrapFactory {
    ControlWrap create(long epochSeconds);
}

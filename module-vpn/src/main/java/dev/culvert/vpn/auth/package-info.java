/**
 * A client's username and password ({@code auth-user-pass} from a file, an inline block or the
 * terminal), kept or forgotten as {@code auth-nocache} says, replaced by a pushed
 * {@code auth-token}, and asked again or not after {@code AUTH_FAILED} as {@code auth-retry} says:
 * what 2.6's misc.c {@code get_user_pass_cr} and ssl.c's {@code auth_user_pass} do for a client.
 *
 * <p>May depend on: dev.culvert.core.config, dev.culvert.spi.config, dev.culvert.vpn.keys, dev.culvert.vpn.session
 */
package dev.culvert.vpn.auth;

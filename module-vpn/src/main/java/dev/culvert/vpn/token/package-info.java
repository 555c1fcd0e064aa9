/**
 * {@code auth-gen-token}: the session tokens a server gives its clients in the PUSH_REPLY, so a
 * renegotiation or a reconnect authenticates with the token instead of asking for the password
 * again, in 2.6's format (auth_token.c), so that the same secret file serves a 2.6 server and a
 * Culvert one.
 *
 * <p>May depend on: none
 */
package dev.culvert.vpn.token;

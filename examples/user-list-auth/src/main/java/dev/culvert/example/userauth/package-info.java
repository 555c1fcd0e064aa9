/**
 * A sample authenticator module: it checks clients' usernames and passwords against a file of
 * PBKDF2-SHA256 hashes ({@code NAME pbkdf2-sha256$ITERATIONS$SALT$HASH}, made by
 * {@link dev.culvert.example.userauth.PasswordHash}), on a thread of its own, and outranks the
 * server's {@code auth-user-pass-verify} script while it is installed. It is built against
 * stack-core's published SPI only.
 *
 * <p>May depend on: dev.culvert.spi.hook
 */
package dev.culvert.example.userauth;

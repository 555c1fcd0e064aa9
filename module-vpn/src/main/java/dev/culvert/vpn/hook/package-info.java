/**
 * The scripts of OpenVPN 2.6 ({@code auth-user-pass-verify}, ...) as implementations of the hook
 * SPI ({@code dev.culvert.spi.hook}): how a script is named and split into words, how it is run
 * (outside the data plane, with a time limit, a bounded number at once, never waited for on a
 * control thread), and the environment 2.6 gives it.
 *
 * <p>May depend on: dev.culvert.spi.hook
 */
package dev.culvert.vpn.hook;

/**
 * The hook slots: where a server asks a module about its clients, at the points where OpenVPN
 * 2.6 runs a script or a plugin. A {@link dev.culvert.spi.hook.ClientAuthenticator} ({@code auth}
 * slot) decides whether a client's username and password let it in ({@code auth-user-pass-verify});
 * a {@link dev.culvert.spi.hook.ConnectHook} ({@code connect}) is told when a client connects and
 * leaves, and may refuse it or add to its configuration ({@code client-connect},
 * {@code client-disconnect}); a {@link dev.culvert.spi.hook.LearnAddressHook}
 * ({@code learn-address}) is told which addresses are routed to which client. Each slot's active
 * binding is asked, so an operator swaps one implementation for another (a bundle dropped into
 * {@code deploy/}, the configuration's script) as they swap a compressor; what was already
 * asked keeps its answer.
 *
 * <p>May depend on: none
 */
package dev.culvert.spi.hook;

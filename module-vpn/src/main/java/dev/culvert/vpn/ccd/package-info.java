/**
 * The client-config-dir of an OpenVPN 2.6 server: one file per client, named exactly as the
 * common name of its certificate (or {@code DEFAULT}), holding that client's overrides
 * ({@code ifconfig-push}, {@code iroute}, {@code push}, {@code push-reset}, {@code disable}).
 * Common names come from the network (a CA-signed certificate, but chosen by whoever asked the CA):
 * one that could name a file outside the directory is refused, never rewritten.
 *
 * <p>Depends on {@code dev.culvert.core.config} (the parser, file:line errors),
 * {@code dev.culvert.spi.route}, {@code dev.culvert.vpn.config} (shared argument readers) and
 * {@code dev.culvert.vpn.push} (what a push line may hold); never on another module.
 */
package dev.culvert.vpn.ccd;

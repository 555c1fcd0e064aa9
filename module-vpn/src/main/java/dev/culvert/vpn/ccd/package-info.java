/**
 * The client-config-dir of an OpenVPN 2.6 server: one file per client, named exactly as the
 * common name of its certificate (or {@code DEFAULT}), holding that client's overrides
 * ({@code ifconfig-push}, {@code iroute}, {@code push}, {@code push-reset}, {@code disable}).
 * Common names come from the network (a CA-signed certificate, but chosen by whoever asked the CA):
 * one that could name a file outside the directory is refused, never rewritten.
 *
 * <p>May depend on: dev.culvert.core.config, dev.culvert.spi.config, dev.culvert.spi.route,
 * dev.culvert.vpn.config, dev.culvert.vpn.push
 */
package dev.culvert.vpn.ccd;

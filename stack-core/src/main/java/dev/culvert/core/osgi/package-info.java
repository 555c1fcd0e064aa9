/**
 * The OSGi host: a Declarative Services component that owns the node's slot registry and binds
 * every module service into it (dynamic, greedy references ordered by {@code service.ranking}),
 * and the Gogo shell commands {@code culvert:status}, {@code culvert:swap} and
 * {@code culvert:selftest}. Internal: not exported.
 *
 * <p>May depend on: dev.culvert.core.config, dev.culvert.core.embed, dev.culvert.core.io.nativeio,
 * dev.culvert.core.io.transport, dev.culvert.core.io.tun,
 * dev.culvert.core.packet, dev.culvert.core.slot, dev.culvert.core.worker, dev.culvert.spi.aead,
 * dev.culvert.spi.compress,
 * dev.culvert.spi.config, dev.culvert.spi.feature, dev.culvert.spi.hook, dev.culvert.spi.l3, dev.culvert.spi.link,
 * dev.culvert.spi.node, dev.culvert.spi.route, dev.culvert.spi.tls, dev.culvert.spi.transport,
 * dev.culvert.spi.tunnel
 */
package dev.culvert.core.osgi;

/**
 * Culvert as a library: {@link dev.culvert.core.embed.Culvert#builder()} assembles a stack in any
 * JVM from module instances handed to it or found by {@link java.util.ServiceLoader}, and runs it.
 * The OSGi host binds the same implementations into the same slots through
 * {@link dev.culvert.core.embed.ModuleBinder}, so both hosts share one code path.
 *
 * <p>{@link dev.culvert.core.embed.ProcessIdentity} is the host's part of running as a server:
 * dropping root ({@code user}/{@code group}) once devices and sockets are open.
 *
 * <p>May depend on: dev.culvert.core.aead, dev.culvert.core.checksum, dev.culvert.core.compress,
 * dev.culvert.core.config, dev.culvert.core.graph, dev.culvert.core.graph.arc,
 * dev.culvert.core.io.nativeio, dev.culvert.core.io.transport, dev.culvert.core.io.tun,
 * dev.culvert.core.l3, dev.culvert.core.link, dev.culvert.core.logging, dev.culvert.core.packet,
 * dev.culvert.core.slot, dev.culvert.core.worker,
 * dev.culvert.spi.aead, dev.culvert.spi.compress, dev.culvert.spi.config, dev.culvert.spi.feature, dev.culvert.spi.hook,
 * dev.culvert.spi.l3, dev.culvert.spi.link, dev.culvert.spi.node, dev.culvert.spi.route,
 * dev.culvert.spi.tls, dev.culvert.spi.transport, dev.culvert.spi.tunnel
 */
package dev.culvert.core.embed;

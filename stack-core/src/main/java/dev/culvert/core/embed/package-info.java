/**
 * Culvert as a library: {@link dev.culvert.core.embed.Culvert#builder()} assembles a stack in any
 * JVM from module instances handed to it or found by {@link java.util.ServiceLoader}, and runs it.
 * The OSGi host binds the same implementations into the same slots through
 * {@link dev.culvert.core.embed.ModuleBinder}, so both hosts share one code path.
 *
 * <p>{@link dev.culvert.core.embed.ProcessIdentity} is the host's part of running as a server:
 * dropping root ({@code user}/{@code group}) once devices and sockets are open.
 *
 * <p>Depends on every other kernel package (the libc bindings in {@code nativeio} included) and
 * the SPI; nothing in the kernel depends on it.
 */
package dev.culvert.core.embed;

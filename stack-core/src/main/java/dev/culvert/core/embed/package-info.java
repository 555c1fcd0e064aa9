/**
 * Culvert as a library: {@link dev.culvert.core.embed.Culvert#builder()} assembles a stack in any
 * JVM from module instances handed to it or found by {@link java.util.ServiceLoader}, and runs it.
 * The OSGi host binds the same implementations into the same slots through
 * {@link dev.culvert.core.embed.ModuleBinder}, so both hosts share one code path.
 *
 * <p>Depends on every other kernel package and the SPI; nothing in the kernel depends on it.
 */
package dev.culvert.core.embed;

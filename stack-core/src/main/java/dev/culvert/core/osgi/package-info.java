/**
 * The OSGi host: a Declarative Services component that owns the node's slot registry and binds
 * every module service into it (dynamic, greedy references ordered by {@code service.ranking}),
 * and the Gogo shell commands {@code culvert:status}, {@code culvert:swap} and
 * {@code culvert:selftest}. Internal: not exported.
 *
 * <p>Depends on the kernel, the SPI and the DS annotations (build time only).
 */
package dev.culvert.core.osgi;

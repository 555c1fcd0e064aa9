/**
 * JMH benchmarks of module-ipv6's per-packet costs; not tests. Run as BENCHMARKS.md describes.
 *
 * <p>Depends on module-ipv6, stack-core and JMH.
 */
package dev.culvert.ipv6.bench;

/**
 * JMH benchmarks of module-ipv4's per-packet costs; not tests. Run as BENCHMARKS.md describes.
 *
 * <p>Depends on module-ipv4, stack-core and JMH.
 */
package dev.culvert.ipv4.bench;

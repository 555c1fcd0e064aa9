/**
 * JMH benchmarks of the pre-authentication gate's per-packet costs; not tests. Run with
 * {@code bench/jmh.sh module-vpn PreAuthGateBenchmark} or the class's {@code main}.
 *
 * <p>Depends on module-vpn, stack-core and JMH.
 */
package dev.culvert.vpn.preauth.bench;

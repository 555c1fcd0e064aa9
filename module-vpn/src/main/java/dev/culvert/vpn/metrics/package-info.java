/**
 * The Prometheus endpoint of {@code culvert-metrics IP PORT}: {@link dev.culvert.vpn.metrics.MetricsServer}
 * serves, on the official Prometheus Java client's HTTP server and a thread of its own, what
 * {@link dev.culvert.vpn.metrics.MetricsCollector} makes of one {@link dev.culvert.vpn.metrics.Sample}
 * per scrape (read from the node through {@link dev.culvert.vpn.metrics.MetricsTarget}, which the
 * server role implements), and the client's JVM metrics. Per-client series are bounded by
 * {@link dev.culvert.vpn.metrics.ClientLabels}, so a server with many clients, or clients with
 * hostile certificate names, cannot grow the scrape or the Prometheus database without bound.
 *
 * <p>A scrape reads published counters (sums of adders, volatile fields) and takes no lock that a
 * data-plane worker takes. The Prometheus client's classes are embedded in module-vpn's bundle
 * (its bnd.bnd), private.
 *
 * <p>May depend on: none
 */
package dev.culvert.vpn.metrics;

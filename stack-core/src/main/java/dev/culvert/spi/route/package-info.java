/**
 * The route slot: the routing table and the topology (client/server, point-to-point, mesh).
 *
 * <p>{@link dev.culvert.spi.route.Router} is the workers' side (look a destination up, check a
 * source); {@link dev.culvert.spi.route.RouteTable} is the control plane's side (sessions come and
 * go, configuration adds networks); {@link dev.culvert.spi.route.Prefix} is an IPv4 or IPv6
 * network both sides name entries by.
 *
 * <p>May depend on: dev.culvert.spi.l3
 */
package dev.culvert.spi.route;

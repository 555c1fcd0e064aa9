/**
 * The route slot: the routing table and the topology (client/server, point-to-point, mesh).
 *
 * <p>May depend on {@code dev.culvert.core.packet}, {@code dev.culvert.core.graph} and the JDK;
 * never on a module.
 */
package dev.culvert.spi.route;

/**
 * The other half of a package cycle.
 *
 * <p>May depend on: dev.culvert.distribution.architecture.seeded.cycle.a
 */
package dev.culvert.distribution.architecture.seeded.cycle.b;

/**
 * One half of a package cycle.
 *
 * <p>May depend on: dev.culvert.distribution.architecture.seeded.cycle.b
 */
package dev.culvert.distribution.architecture.seeded.cycle.a;

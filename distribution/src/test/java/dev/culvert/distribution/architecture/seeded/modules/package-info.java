/**
 * Reaches past the kernel's API into a module and into the kernel's OSGi glue.
 *
 * <p>May depend on: dev.culvert.vpn.wire, dev.culvert.core.osgi
 */
package dev.culvert.distribution.architecture.seeded.modules;

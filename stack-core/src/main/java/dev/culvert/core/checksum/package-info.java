/**
 * The Internet checksum (RFC 1071) and its incremental update (RFC 1624), shared by every L3
 * module so that no module carries its own copy.
 *
 * <p>May depend on: dev.culvert.core.packet
 */
package dev.culvert.core.checksum;

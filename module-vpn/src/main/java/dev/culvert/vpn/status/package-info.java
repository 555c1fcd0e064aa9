/**
 * The server's {@code status} file in OpenVPN 2.6's formats ({@code status-version} 1, 2 and 3):
 * who is connected, from where, with which tunnel addresses and traffic counts, and the routing
 * table, rendered from plain records and written atomically for the scripts that read it.
 *
 * <p>May depend on: dev.culvert.spi.route, dev.culvert.vpn.files
 */
package dev.culvert.vpn.status;

/**
 * The server's {@code status} file in OpenVPN 2.6's formats ({@code status-version} 1, 2 and 3):
 * who is connected, from where, with which tunnel addresses and traffic counts, and the routing
 * table, rendered from plain records and written atomically for the scripts that read it.
 *
 * <p>Depends on {@code dev.culvert.vpn.files} (atomic replacement) and the JDK; the server runtime fills the records.
 */
package dev.culvert.vpn.status;

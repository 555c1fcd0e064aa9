/**
 * OpenVPN 2.6's management interface (doc/management-notes.txt, manage.c) for a server or a
 * client: a text protocol on a TCP or unix-domain socket that dashboards and admin tools
 * (openvpn-monitor, pfSense's status pages) speak to a server, and GUIs (NetworkManager-openvpn) to
 * a client, which they hold before it connects and give the username and password it asks for. One
 * client at a time, after the password when a password file is configured; commands answer with
 * {@code SUCCESS:}/{@code ERROR:} lines or a block ending in {@code END}, and real-time
 * notifications start with {@code >}. What the interface reads from and does to the node goes
 * through {@link dev.culvert.vpn.management.ManagementTarget}: a server is a
 * {@link dev.culvert.vpn.management.ServerTarget}, a client a
 * {@link dev.culvert.vpn.management.ClientTarget}, and a command of the other role is answered as
 * 2.6 answers it in this one.
 *
 * <p>Everything read from the socket is hostile: lines are bounded, a password is compared in
 * constant time and three wrong ones close the connection, and nothing the client sends reaches
 * the data plane. The socket is served by a thread of its own, never by a data-plane worker.
 *
 * <p>May depend on: dev.culvert.core.process, dev.culvert.spi.route (address text)
 */
package dev.culvert.vpn.management;

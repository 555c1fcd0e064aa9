/**
 * A load generator for a Culvert (or any OpenVPN 2.6) server: one plain JVM drives thousands of
 * idle OpenVPN clients, each a full client session of module-vpn's session core with its own UDP
 * socket, connecting at a set pace, then idling and keeping alive as the server pushed. It counts
 * what a performance run needs: who connected and how fast, why others failed, the gaps between
 * the keepalives each client received, ping-restart expirations and its own heap. It needs no
 * OSGi framework: {@code java -cp "culvert/bundle/*" dev.culvert.vpn.loadgen.LoadGenerator --help}
 * (bench/sessions.sh runs it against a server in network namespaces).
 *
 * <p>May depend on: dev.culvert.core.aead, dev.culvert.core.config, dev.culvert.core.graph (the reasons a
 * session gives for a refused packet, which the report counts), dev.culvert.core.packet,
 * dev.culvert.core.slot, dev.culvert.spi.aead, dev.culvert.spi.config, dev.culvert.spi.tls,
 * dev.culvert.vpn.config, dev.culvert.vpn.data, dev.culvert.vpn.keys, dev.culvert.vpn.push, dev.culvert.vpn.session
 */
package dev.culvert.vpn.loadgen;

/**
 * OpenVPN configuration for module-vpn: {@link dev.culvert.vpn.config.VpnDirectives} (the
 * directives a client takes, several shared with a server) and
 * {@link dev.culvert.vpn.config.ServerDirectives} (a server's own) claim and check the directives
 * with file:line errors and fixes; {@link dev.culvert.vpn.config.ClientConfig} and
 * {@link dev.culvert.vpn.config.ServerConfig} (read by {@code ServerConfigParser}, a record of small
 * records: tunnel network, device, keepalive, client rules, pool file, status, process) turn a
 * checked configuration into the immutable values a session and the runtime need, sharing the
 * PKI, wrapping, cipher and timer loading ({@code SecurityConfig}), and the peer-certificate checks
 * ({@code PeerCertificateDirectives}, {@code PeerPolicyConfig}). A full-mesh node's configuration is
 * {@link dev.culvert.vpn.config.MeshConfig}, its own lines {@code MeshDirectives} and what it refuses
 * {@code MeshRefusals}. Relative paths resolve against the configuration file's directory.
 *
 * <p>May depend on: dev.culvert.core.config, dev.culvert.spi.aead, dev.culvert.spi.config,
 * dev.culvert.spi.route, dev.culvert.spi.tls, dev.culvert.spi.transport, dev.culvert.vpn.auth, dev.culvert.vpn.control, dev.culvert.vpn.keys,
 * dev.culvert.vpn.fragment, dev.culvert.vpn.mesh, dev.culvert.vpn.pem, dev.culvert.vpn.peercert, dev.culvert.vpn.pool, dev.culvert.vpn.push,
 * dev.culvert.vpn.management (where its interface listens), dev.culvert.vpn.hook (the scripts it names),
 * dev.culvert.vpn.replay, dev.culvert.vpn.session
 */
package dev.culvert.vpn.config;

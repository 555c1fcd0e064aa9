/**
 * OpenVPN configuration for module-vpn: {@link dev.culvert.vpn.config.VpnDirectives} (the
 * directives a client takes, several shared with a server) and
 * {@link dev.culvert.vpn.config.ServerDirectives} (a server's own) claim and check the directives
 * with file:line errors and fixes; {@link dev.culvert.vpn.config.ClientConfig} and
 * {@link dev.culvert.vpn.config.ServerConfig} (read by {@code ServerConfigParser}, a record of small
 * records: tunnel network, device, keepalive, client rules, pool file, status, process) turn a
 * checked configuration into the immutable values a session and the runtime need, sharing the
 * PKI, wrapping, cipher and timer loading ({@code SecurityConfig}). Relative paths resolve against the configuration file's directory.
 *
 * <p>Depends on {@code dev.culvert.core.config}, {@code dev.culvert.core.pem}, the SPIs and the
 * other {@code dev.culvert.vpn} packages except {@code ccd}, {@code client}, {@code server}, {@code tunnel} and {@code demo};
 * never on another module.
 */
package dev.culvert.vpn.config;

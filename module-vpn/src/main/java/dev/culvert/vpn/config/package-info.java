/**
 * OpenVPN client configuration for module-vpn: {@link dev.culvert.vpn.config.VpnDirectives} claims
 * and checks the directives (with file:line errors and fixes), and
 * {@link dev.culvert.vpn.config.ClientConfig} turns a checked configuration into the immutable
 * values a session needs (certificates, keys, static keys loaded; relative paths resolved against
 * the configuration file's directory).
 *
 * <p>Depends on {@code dev.culvert.core.config}, {@code dev.culvert.core.pem}, the SPIs and the
 * other {@code dev.culvert.vpn} packages; never on another module.
 */
package dev.culvert.vpn.config;

/**
 * The demo's tunnel for machines without root: a Culvert client and a Culvert server, each a full
 * OpenVPN 2.6 session core, joined by an in-process wire, with TLS from the node's TLS slot and
 * pings through the tunnel. The demo PKI it uses is public and for this demo only.
 *
 * <p>May depend on: dev.culvert.core.aead, dev.culvert.core.checksum, dev.culvert.core.config,
 * dev.culvert.core.embed, dev.culvert.core.graph, dev.culvert.core.packet, dev.culvert.core.slot,
 * dev.culvert.spi.aead, dev.culvert.spi.tls, dev.culvert.vpn.ccd, dev.culvert.vpn.config,
 * dev.culvert.vpn.control, dev.culvert.vpn.keys, dev.culvert.vpn.pem, dev.culvert.vpn.push,
 * dev.culvert.vpn.session
 */
package dev.culvert.vpn.demo;

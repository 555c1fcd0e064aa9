/**
 * The demo's tunnel for machines without root: a Culvert client and a Culvert server, each a full
 * OpenVPN 2.6 session core, joined by an in-process wire, with TLS from the node's TLS slot and
 * pings through the tunnel. The demo PKI it uses is public and for this demo only.
 *
 * <p>Depends on the kernel (slots, PEM, checksum, packets), the TLS and AEAD SPI, and this
 * module's session, control, push, keys, config and ccd packages (the server side is built from a
 * configuration text, as an operator would write it).
 */
package dev.culvert.vpn.demo;

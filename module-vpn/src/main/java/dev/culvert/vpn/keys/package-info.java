/**
 * OpenVPN 2.6 data-channel key material: the key-method-2 message exchanged over TLS, the two ways
 * of turning it into the 256-byte {@code key2} block (the TLS-1.0 PRF construction and the TLS
 * keying-material exporter), and the split of {@code key2} into one {@link dev.culvert.vpn.keys.DataKey}
 * per direction, for the data ciphers Culvert speaks ({@link dev.culvert.vpn.keys.DataCipher}) and
 * the {@code auth} digests ({@link dev.culvert.vpn.keys.HmacDigest}). Also the peer-info and OCC
 * options strings a peer announces itself with.
 *
 * <p>No I/O and no clock: bytes in, values out. Key bytes live in arrays that their owner wipes;
 * every intermediate array is wiped before a method returns.
 *
 * <p>May depend on: dev.culvert.core.graph, dev.culvert.spi.aead
 */
package dev.culvert.vpn.keys;

package dev.culvert.vpn.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.culvert.vpn.keys.OccOptionsString.Transport;
import org.junit.jupiter.api.Test;

class OccOptionsStringTest {
    /** Both strings as 2.6.14 sent them in the loopback run (openvpn.md §3.1) [verified]. */
    @Test
    void matchesWhatStockPeersSendOverUdp() {
        assertEquals("V4,dev-type tun,link-mtu 1541,tun-mtu 1500,proto UDPv4,auth SHA1,keysize 128,key-method 2,tls-client",
                OccOptionsString.build(Role.CLIENT, Transport.UDP, 1500, false));
        assertEquals("V4,dev-type tun,link-mtu 1541,tun-mtu 1500,proto UDPv4,auth SHA1,keysize 128,key-method 2,tls-server",
                OccOptionsString.build(Role.SERVER, Transport.UDP, 1500, false));
    }

    @Test
    void tcpAddsTheLengthPrefixAndNamesTheRole() {
        assertEquals("V4,dev-type tun,link-mtu 1543,tun-mtu 1500,proto TCPv4_CLIENT,auth SHA1,keysize 128,key-method 2,tls-client",
                OccOptionsString.build(Role.CLIENT, Transport.TCP, 1500, false));
        assertEquals("V4,dev-type tun,link-mtu 1443,tun-mtu 1400,proto TCPv4_SERVER,auth SHA1,keysize 128,tls-auth,key-method 2,tls-server",
                OccOptionsString.build(Role.SERVER, Transport.TCP, 1400, true));
    }

    /** options.c options_string: a configured cipher this side will use is named, with its digest and key size. */
    @Test
    void namesAConfiguredCipherWithItsDigestAndKeySize() {
        assertEquals("V4,dev-type tun,link-mtu 1541,tun-mtu 1500,proto UDPv4,cipher AES-256-CBC,auth SHA256,keysize 256,key-method 2,tls-client",
                OccOptionsString.build(Role.CLIENT, Transport.UDP, 1500, false, DataCipher.AES_256_CBC, HmacDigest.SHA256));
        assertEquals("V4,dev-type tun,link-mtu 1541,tun-mtu 1500,proto UDPv4,cipher AES-128-GCM,auth [null-digest],keysize 128,key-method 2,tls-server",
                OccOptionsString.build(Role.SERVER, Transport.UDP, 1500, false, DataCipher.AES_128_GCM, HmacDigest.SHA256));
        assertEquals("V4,dev-type tun,link-mtu 1541,tun-mtu 1500,proto UDPv4,auth SHA512,keysize 128,key-method 2,tls-server",
                OccOptionsString.build(Role.SERVER, Transport.UDP, 1500, false, null, HmacDigest.SHA512), "no cipher: BF-CBC's key size, the auth digest");
    }

    @Test
    void findsThePeersCipher() {
        assertEquals("AES-256-CBC", OccOptionsString.cipher("V4,dev-type tun,cipher AES-256-CBC,auth SHA1"));
        assertNull(OccOptionsString.cipher("V4,dev-type tun,auth SHA1"));
    }
}

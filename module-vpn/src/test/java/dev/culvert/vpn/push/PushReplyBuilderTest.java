package dev.culvert.vpn.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.vpn.keys.DataCipher;
import dev.culvert.vpn.keys.PeerInfo;
import java.util.List;
import org.junit.jupiter.api.Test;

class PushReplyBuilderTest {
    static final String STOCK_CLIENT_INFO = "IV_VER=2.6.14\nIV_PLAT=linux\nIV_TCPNL=1\nIV_MTU=1600\nIV_NCP=2\n"
            + "IV_CIPHERS=AES-256-GCM:AES-128-GCM:CHACHA20-POLY1305\nIV_PROTO=990\n";

    /** Rebuilds the 2.6.14 reply of openvpn.md §5.3 byte for byte from the same server settings. */
    @Test
    void reproducesTheStockServersReply() {
        PeerInfo client = PeerInfo.parse(STOCK_CLIENT_INFO);
        CipherNegotiation.Choice choice = CipherNegotiation.serverChoose(DataCiphers.parse(DataCiphers.DEFAULT), null, client, null);
        List<String> messages = new PushReplyBuilder()
                .push("route-gateway 10.77.0.1").push("topology subnet").push("ping 10").push("ping-restart 60")
                .ifconfig("10.77.0.2", "255.255.255.0")
                .peerId(0)
                .cipher(choice.cipher())
                .protocolFlags(client.ivProto(), true, true, true)
                .tunMtu(1500)
                .build();
        assertEquals(List.of(PushReplyParserTest.STOCK_REPLY), messages);
    }

    @Test
    void keyDerivationForClientsWithoutCcExit() {
        String reply = new PushReplyBuilder().protocolFlags(2 | 8, true, true, true).build().get(0);
        assertEquals("PUSH_REPLY,key-derivation tls-ekm", reply);
        assertEquals("PUSH_REPLY", new PushReplyBuilder().protocolFlags(2, true, true, true).build().get(0));
        assertEquals("PUSH_REPLY,protocol-flags cc-exit", new PushReplyBuilder().protocolFlags(2 | 128, true, true, true).build().get(0));
    }

    @Test
    void ipv6ComesBeforeIpv4() {
        assertEquals("PUSH_REPLY,topology subnet,ifconfig-ipv6 fd00::2/64 fd00::1,ifconfig 10.8.0.2 255.255.255.0,peer-id 3,cipher CHACHA20-POLY1305",
                new PushReplyBuilder().push("topology subnet").peerId(3).cipher(DataCipher.CHACHA20_POLY1305)
                        .ifconfig("10.8.0.2", "255.255.255.0").ifconfigIpv6("fd00::2/64", "fd00::1").build().get(0));
    }

    @Test
    void splitsLongRepliesWithContinuationAndTheParserPutsThemBackTogether() {
        PushReplyBuilder b = new PushReplyBuilder().push("topology subnet");
        for (int i = 0; i < 120; i++) {
            b.push("route 10." + i + ".0.0 255.255.0.0");
        }
        b.ifconfig("10.8.0.2", "255.255.255.0").peerId(7);
        List<String> messages = b.build();
        assertTrue(messages.size() > 1);
        PushReplyParser parser = new PushReplyParser();
        for (int i = 0; i < messages.size(); i++) {
            String m = messages.get(i);
            assertTrue(m.length() + 1 <= PushReplyBuilder.MAX_MESSAGE, "part " + i + " is " + (m.length() + 1) + " bytes with NUL");
            assertTrue(m.endsWith(i == messages.size() - 1 ? ",push-continuation 1" : ",push-continuation 2"));
            parser.feed(m);
        }
        assertEquals(PushReplyParser.Status.DONE, parser.status());
        assertEquals(120, parser.reply().routes().size());
        assertEquals(7, parser.reply().peerId());
    }

    @Test
    void refusesOptionsThatWouldBreakTheFormat() {
        assertThrows(IllegalArgumentException.class, () -> new PushReplyBuilder().push("route 1,2"));
        assertThrows(IllegalArgumentException.class, () -> new PushReplyBuilder().push("x".repeat(1000)));
        assertThrows(IllegalArgumentException.class, () -> new PushReplyBuilder().ifconfig("10.8.0.2", "mask"));
        assertThrows(IllegalArgumentException.class, () -> new PushReplyBuilder().peerId(0xFFFFFF));
    }
}

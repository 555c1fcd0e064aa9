package dev.culvert.vpn.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.core.config.Config;
import dev.culvert.vpn.ccd.ClientOverrides;
import dev.culvert.vpn.ccd.IfconfigPush;
import dev.culvert.vpn.config.ServerConfig;
import dev.culvert.vpn.config.ServerFiles;
import dev.culvert.vpn.keys.DataCipher;
import dev.culvert.vpn.keys.IvProto;
import dev.culvert.vpn.keys.PeerInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ServerPushReplyTest {
    /** What a stock 2.6.14 client announces: every 2.6 IV_PROTO bit, its ciphers, its MTU. */
    private static final PeerInfo STOCK_26 = PeerInfo.parse("IV_VER=2.6.14\nIV_PLAT=linux\nIV_TCPNL=1\nIV_MTU=1600\nIV_NCP=2\n"
            + "IV_CIPHERS=AES-256-GCM:AES-128-GCM:CHACHA20-POLY1305\nIV_PROTO=" + IvProto.ALL_2_6 + "\n");
    private static final ClientOverrides NONE = ClientOverrides.NONE;

    private static ServerConfig server(String lines) throws Exception {
        return ServerConfig.from(Config.of(ServerFiles.inlinePki() + "dev tun\n" + lines, "s.conf"));
    }

    @Test
    void theSameInputsGiveTheVerifiedReplyOf2_6_14() throws Exception {
        ServerConfig s = server("server 10.77.0.0 255.255.255.0\ntopology subnet\nkeepalive 10 60\n");
        List<String> reply = ServerPushReply.compose(s, NONE, 0x0A4D0002, 0xFFFFFF00, 0, STOCK_26, DataCipher.AES_256_GCM, true, true, true);
        assertEquals(List.of("PUSH_REPLY,route-gateway 10.77.0.1,topology subnet,ping 10,ping-restart 60,ifconfig 10.77.0.2 255.255.255.0,"
                + "peer-id 0,cipher AES-256-GCM,protocol-flags cc-exit tls-ekm dyn-tls-crypt,tun-mtu 1500"), reply);
        // What Culvert sends today: the same but dyn-tls-crypt, which its session core does not do yet.
        assertEquals(List.of("PUSH_REPLY,route-gateway 10.77.0.1,topology subnet,ping 10,ping-restart 60,ifconfig 10.77.0.2 255.255.255.0,"
                + "peer-id 0,cipher AES-256-GCM,protocol-flags cc-exit tls-ekm,tun-mtu 1500"),
                ServerPushReply.compose(s, NONE, 0x0A4D0002, 0xFFFFFF00, 0, STOCK_26, DataCipher.AES_256_GCM, true, true));
    }

    /** Captured from a stock 2.6.14 server with these lines (and client-to-client) to a stock 2.6.14 client. */
    @Test
    void withServerIpv6TheReplyIsThatOfAStock2_6_14Server() throws Exception {
        ServerConfig s = server("server 10.9.0.0 255.255.255.0\nserver-ipv6 fd00:9::/64\ntopology subnet\nkeepalive 10 60\n"
                + "client-to-client\npush \"route-ipv6 fd00:99::/64\"\n");
        List<String> reply = ServerPushReply.compose(s, NONE, 0x0A090002, 0xFFFFFF00, new String[] {"fd00:9::1000/64", "fd00:9::1"}, 0,
                STOCK_26, DataCipher.AES_256_GCM, true, true, true);
        assertEquals(List.of("PUSH_REPLY,route-ipv6 fd00:99::/64,tun-ipv6,route-gateway 10.9.0.1,topology subnet,ping 10,ping-restart 60,"
                + "ifconfig-ipv6 fd00:9::1000/64 fd00:9::1,ifconfig 10.9.0.2 255.255.255.0,peer-id 0,cipher AES-256-GCM,"
                + "protocol-flags cc-exit tls-ekm dyn-tls-crypt,tun-mtu 1500"), reply);
    }

    @Test
    void globalThenClientPushesThenTheClientsOwnOptions() throws Exception {
        ServerConfig s = server("server 10.8.0.0 255.255.255.0\ntopology subnet\nkeepalive 10 120\npush \"dhcp-option DNS 10.8.0.1\"\ntun-mtu 1400\n");
        ClientOverrides alice = new ClientOverrides(Optional.of(new IfconfigPush(0x0A08000A, 0xFFFFFF00)), List.of(),
                List.of("route 192.168.30.0 255.255.255.0"), false, false);
        PeerInfo old = PeerInfo.parse("IV_VER=2.4.12\nIV_NCP=2\nIV_PROTO=2\n");
        assertEquals(List.of("PUSH_REPLY,dhcp-option DNS 10.8.0.1,route-gateway 10.8.0.1,topology subnet,ping 10,ping-restart 120,"
                + "route 192.168.30.0 255.255.255.0,ifconfig 10.8.0.10 255.255.255.0,peer-id 3,cipher AES-128-GCM"),
                ServerPushReply.compose(s, alice, 0x0A08000A, 0xFFFFFF00, 3, old, DataCipher.AES_128_GCM, false, false));
        ClientOverrides reset = new ClientOverrides(Optional.empty(), List.of(), List.of("topology subnet"), true, false);
        assertEquals(List.of("PUSH_REPLY,topology subnet,ifconfig 10.8.0.2 255.255.255.0,peer-id 0,cipher AES-256-GCM,"
                + "protocol-flags cc-exit tls-ekm,tun-mtu 1400"),
                ServerPushReply.compose(s, reset, 0x0A080002, 0xFFFFFF00, 0, STOCK_26, DataCipher.AES_256_GCM, true, true));
    }

    @Test
    void whatTheClientDidNotAnnounceIsLeftOut() throws Exception {
        ServerConfig s = server("server 10.8.0.0 255.255.255.0\n");
        PeerInfo bare = PeerInfo.parse("IV_VER=2.3.18\n");
        assertEquals(List.of("PUSH_REPLY,route 10.8.0.1,topology net30,ifconfig 10.8.0.6 10.8.0.5"),
                ServerPushReply.compose(s, NONE, 0x0A080006, 0x0A080005, 7, bare, DataCipher.AES_256_GCM, false, false));
        PeerInfo ekmOnly = PeerInfo.parse("IV_CIPHERS=AES-256-GCM\nIV_PROTO=" + (IvProto.DATA_V2 | IvProto.TLS_KEY_EXPORT) + "\n");
        assertEquals(List.of("PUSH_REPLY,route 10.8.0.1,topology net30,peer-id 7,cipher AES-256-GCM,key-derivation tls-ekm"),
                ServerPushReply.compose(s, NONE, 0, 0, 7, ekmOnly, DataCipher.AES_256_GCM, true, false));
    }

    @Test
    void aLongReplyIsSplitWithPushContinuation() throws Exception {
        StringBuilder lines = new StringBuilder("server 10.8.0.0 255.255.255.0\ntopology subnet\n");
        List<String> routes = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            String route = "route 172.16." + i + ".0 255.255.255.0";
            routes.add(route);
            lines.append("push \"").append(route).append("\"\n");
        }
        List<String> reply = ServerPushReply.compose(server(lines.toString()), NONE, 0x0A080002, 0xFFFFFF00, 0, STOCK_26,
                DataCipher.AES_256_GCM, true, true);
        assertTrue(reply.size() > 1, reply::toString);
        List<String> options = new ArrayList<>();
        for (int i = 0; i < reply.size(); i++) {
            String m = reply.get(i);
            assertTrue(m.length() + 1 <= PushReplyBuilder.MAX_MESSAGE, m);
            assertTrue(m.endsWith(i == reply.size() - 1 ? ",push-continuation 1" : ",push-continuation 2"), m);
            List<String> parts = List.of(m.split(","));
            options.addAll(parts.subList(1, parts.size() - 1));
        }
        assertEquals(routes, options.subList(0, 60));
        assertEquals("tun-mtu 1500", options.get(options.size() - 1));
    }
}

package dev.culvert.vpn.push;

import dev.culvert.spi.route.AddressText;
import dev.culvert.vpn.keys.DataCipher;
import dev.culvert.vpn.keys.IvProto;
import dev.culvert.vpn.keys.PeerInfo;
import java.util.List;

/**
 * One client's PUSH_REPLY messages, in 2.6's order (push.c {@code send_push_reply}: the
 * instance's push list, then {@code prepare_push_reply}): the global push list
 * ({@link ServerPushPolicy#globalPush()}: push lines, route-gateway or route, topology, ping,
 * ping-restart) unless the client's file says {@code push-reset}, the client's own {@code push}
 * lines, {@code ifconfig-ipv6} (with {@code server-ipv6}), {@code ifconfig}, {@code peer-id} (client announced DATA_V2), {@code cipher} (client
 * negotiates), {@code protocol-flags}/{@code key-derivation}, {@code tun-mtu} (client sent
 * IV_MTU); split with {@code push-continuation} by {@link PushReplyBuilder}.
 */
public final class ServerPushReply {
    private ServerPushReply() {
    }

    /**
     * The messages for one client.
     *
     * @param server         the server's global push list and tun-mtu
     * @param client         the client's overrides (client-config-dir)
     * @param ifconfigLocal  the client's tunnel address (pool or ifconfig-push); 0 pushes no {@code ifconfig}
     * @param ifconfigSecond the netmask (subnet) or the point-to-point peer (net30)
     * @param peerId         the client's peer id
     * @param peer           what the client announced
     * @param cipher         the negotiated cipher
     * @param tlsEkm         whether the data keys come from the TLS exporter
     * @param ccExit         whether the server uses the EXIT control message with this client
     */
    public static List<String> compose(ServerPushPolicy server, ClientPushOverrides client, int ifconfigLocal, int ifconfigSecond,
                                       int peerId, PeerInfo peer, DataCipher cipher, boolean tlsEkm, boolean ccExit) {
        // dyn-tls-crypt stays off until the session core implements it: pushing it would make a
        // 2.6 client switch its tls-crypt key on renegotiation while Culvert keeps the static one.
        return compose(server, client, ifconfigLocal, ifconfigSecond, null, peerId, peer, cipher, tlsEkm, ccExit);
    }

    /**
     * As above, for a client with an IPv6 tunnel address too.
     *
     * @param ifconfig6 {@code ADDRESS/BITS} and the remote end of its {@code ifconfig-ipv6}, or null for none
     */
    public static List<String> compose(ServerPushPolicy server, ClientPushOverrides client, int ifconfigLocal, int ifconfigSecond,
                                       String[] ifconfig6, int peerId, PeerInfo peer, DataCipher cipher, boolean tlsEkm, boolean ccExit) {
        return compose(server, client, ifconfigLocal, ifconfigSecond, ifconfig6, peerId, peer, cipher, tlsEkm, ccExit, false);
    }

    static List<String> compose(ServerPushPolicy server, ClientPushOverrides client, int ifconfigLocal, int ifconfigSecond,
                                int peerId, PeerInfo peer, DataCipher cipher, boolean tlsEkm, boolean ccExit,
                                boolean dynTlsCrypt) {
        return compose(server, client, ifconfigLocal, ifconfigSecond, null, peerId, peer, cipher, tlsEkm, ccExit, dynTlsCrypt);
    }

    static List<String> compose(ServerPushPolicy server, ClientPushOverrides client, int ifconfigLocal, int ifconfigSecond,
                                        String[] ifconfig6, int peerId, PeerInfo peer, DataCipher cipher, boolean tlsEkm, boolean ccExit,
                                        boolean dynTlsCrypt) {
        PushReplyBuilder reply = new PushReplyBuilder();
        if (!client.pushReset()) {
            server.globalPush().forEach(reply::push);
        }
        client.push().forEach(reply::push);
        if (ifconfig6 != null) {
            reply.ifconfigIpv6(ifconfig6[0], ifconfig6[1]);
        }
        if (ifconfigLocal != 0) {
            reply.ifconfig(AddressText.ipv4(ifconfigLocal), AddressText.ipv4(ifconfigSecond));
        }
        if (IvProto.has(peer.ivProto(), IvProto.DATA_V2)) {
            reply.peerId(peerId);
        }
        if (CipherNegotiation.negotiates(peer)) {
            reply.cipher(cipher);
        }
        reply.protocolFlags(peer.ivProto(), ccExit, tlsEkm, dynTlsCrypt);
        if (peer.ivMtu() > 0) {
            reply.tunMtu(server.tunMtu());
        }
        return reply.build();
    }
}

package dev.culvert.vpn.session;

import dev.culvert.vpn.keys.Credentials;
import dev.culvert.vpn.keys.DataCipher;
import dev.culvert.vpn.keys.DataKeyDerivation;
import dev.culvert.vpn.keys.DirectionalKeys;
import dev.culvert.vpn.keys.IvProto;
import dev.culvert.vpn.keys.KeyMethod2Codec;
import dev.culvert.vpn.keys.KeyMethod2Message;
import dev.culvert.vpn.keys.OccOptionsString;
import dev.culvert.vpn.keys.PeerInfoBuilder;
import dev.culvert.vpn.keys.Role;
import dev.culvert.vpn.keys.TlsKeyExporter;
import dev.culvert.vpn.wire.SessionId;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Map;

/**
 * One side of the key-method-2 exchange (openvpn.md §3): the message this side sends over a new
 * TLS session, the peer's message read back, and the data keys derived from the pair, by the
 * legacy PRF over both messages and the session ids, or by the TLS exporter when tls-ekm was
 * negotiated. The client's message carries the pre-master secret and the peer-info; the server's
 * has neither. Secrets are wiped as soon as they are used.
 */
final class KeyMethod2Exchange {
    /** What every Culvert client announces besides tls-ekm: P_DATA_V2, push without a request, EXIT over control. */
    private static final int CLIENT_IV_PROTO = IvProto.DATA_V2 | IvProto.REQUEST_PUSH | IvProto.CC_EXIT_NOTIFY;

    /** What a Culvert point-to-point peer announces besides tls-ekm: P_DATA_V2 and p2p negotiation. */
    private static final int PEER_TO_PEER_IV_PROTO = IvProto.DATA_V2 | IvProto.NCP_P2P;

    private final Role role;
    private final CommonSettings settings;
    private final ClientSettings client;
    private final PeerToPeerSettings peerToPeer;

    KeyMethod2Exchange(SessionSettings settings) {
        this.role = settings.role();
        this.settings = settings.common();
        this.client = settings.client();
        this.peerToPeer = settings.peerToPeer();
    }

    /**
     * This side's message. A client lists its data-ciphers and protocol bits in peer-info,
     * offering tls-ekm if {@code offerTlsEkm}.
     */
    KeyMethod2Message local(boolean offerTlsEkm) {
        boolean fromClient = role == Role.CLIENT;
        byte[] preMaster = fromClient ? randomBytes(KeyMethod2Message.PRE_MASTER_LENGTH) : null;
        byte[] r1 = randomBytes(KeyMethod2Message.RANDOM_LENGTH);
        byte[] r2 = randomBytes(KeyMethod2Message.RANDOM_LENGTH);
        String peerInfo = peerToPeer != null ? peerToPeerInfo(offerTlsEkm) : fromClient ? clientPeerInfo(offerTlsEkm) : "";
        String options = OccOptionsString.build(role, settings.transport(), settings.tunMtu(), settings.wrapping().tlsAuth(),
                settings.data().occCipher(), settings.data().auth());
        try {
            return new KeyMethod2Message(preMaster, r1, r2, options, credentials(), peerInfo);
        } finally {
            Arrays.fill(r1, (byte) 0);
            Arrays.fill(r2, (byte) 0);
            if (preMaster != null) {
                Arrays.fill(preMaster, (byte) 0);
            }
        }
    }

    /** A client's username and password (or token) for one message, or null when it has none. */
    private Credentials credentials() {
        return client == null || client.credentials() == null ? null : client.credentials().next();
    }

    /** The bytes of {@code message} as one TLS record carries them. */
    static byte[] encode(KeyMethod2Message message) {
        return KeyMethod2Codec.write(message);
    }

    /** Reads the peer's message from {@code record} and wipes the record. */
    KeyMethod2Codec.Read readPeer(byte[] record) {
        try {
            return KeyMethod2Codec.read(record, 0, record.length, role == Role.SERVER);
        } finally {
            Arrays.fill(record, (byte) 0);
        }
    }

    /** Whether this side may use (client: offer; server: accept) tls-ekm on a TLS session that can export. */
    boolean allowsTlsEkm() {
        return settings.data().allowTlsEkm();
    }

    /** The data keys from the PRF over both messages and both session ids, in this side's directions. */
    DirectionalKeys prfKeys(KeyMethod2Message local, KeyMethod2Message peer, SessionId own, SessionId peerId,
                            DataCipher cipher) throws GeneralSecurityException {
        boolean client = role == Role.CLIENT;
        byte[] clientSid = new byte[SessionId.LENGTH];
        byte[] serverSid = new byte[SessionId.LENGTH];
        (client ? own : peerId).write(clientSid, 0);
        (client ? peerId : own).write(serverSid, 0);
        return DataKeyDerivation.fromPrf(client ? local : peer, client ? peer : local, clientSid, serverSid, cipher, settings.data().auth(), role);
    }

    /** The data keys from the TLS keying-material exporter, in this side's directions. */
    DirectionalKeys exporterKeys(TlsKeyExporter exporter, DataCipher cipher) throws GeneralSecurityException {
        return DataKeyDerivation.fromExporter(exporter, cipher, settings.data().auth(), role);
    }

    private String clientPeerInfo(boolean offerTlsEkm) {
        PeerInfoBuilder info = new PeerInfoBuilder(client.version(), client.platform()).dataCiphers(settings.data().dataCiphers())
                .ivProto(CLIENT_IV_PROTO | (offerTlsEkm ? IvProto.TLS_KEY_EXPORT : 0));
        client.peerInfoExtra().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> info.put(e.getKey(), e.getValue()));
        return info.build();
    }

    /**
     * What a point-to-point peer announces in either TLS role (2.6's peer-info detail 1): its
     * data-ciphers and the bits p2p NCP reads. It leaves out {@link IvProto#CC_EXIT_NOTIFY}, so the
     * peer says goodbye with OCC EXIT, which every Culvert role takes.
     */
    private String peerToPeerInfo(boolean offerTlsEkm) {
        return new PeerInfoBuilder(peerToPeer.version(), peerToPeer.platform()).dataCiphers(settings.data().dataCiphers())
                .ivProto(PEER_TO_PEER_IV_PROTO | (offerTlsEkm ? IvProto.TLS_KEY_EXPORT : 0)).build();
    }

    private byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        settings.random().nextBytes(b);
        return b;
    }
}

package dev.culvert.vpn.push;

import dev.culvert.vpn.keys.DataCipher;
import dev.culvert.vpn.keys.IvProto;
import dev.culvert.vpn.keys.PeerInfo;
import java.util.List;

/**
 * 2.6's negotiation between two point-to-point peers, without {@code pull} or a push (ssl_ncp.c
 * {@code p2p_mode_ncp}, {@code p2p_ncp_set_options}, {@code get_p2p_ncp_cipher}). Both sides send
 * peer-info; each decides from the other's alone, and both reach the same answer:
 * <ul>
 *   <li>cipher: the first of the TLS server's data-ciphers that the TLS client lists (the
 *       server's order, so both sides pick the same one); with a peer without {@code IV_CIPHERS}
 *       (before 2.5), or no shared cipher, both sides fall back to their {@code cipher} (or
 *       {@code data-ciphers-fallback}), and without one the connection is refused;</li>
 *   <li>only a peer that announces {@link IvProto#NCP_P2P} negotiates anything else: with
 *       {@link IvProto#DATA_V2} both sides send P_DATA_V2 with one peer-id, and with
 *       {@link IvProto#TLS_KEY_EXPORT} (which this side announced too) keys and that peer-id come
 *       from the TLS exporter, else keys from the PRF and the fixed peer-id {@value #FIXED_PEER_ID}
 *       ("vpn").</li>
 * </ul>
 */
public final class PeerToPeerNegotiation {
    /** 2.6's p2p peer-id without the TLS exporter: the bytes 'v' 'p' 'n'. */
    public static final int FIXED_PEER_ID = 0x76706e;
    /** The exporter label of the p2p peer-id (3 bytes). */
    public static final String PEER_ID_LABEL = "EXPORTER-OpenVPN-p2p-peerid";
    /** The exporter's length for the peer-id. */
    public static final int PEER_ID_LENGTH = 3;

    /**
     * What the two offers settle.
     *
     * @param cipher  the data cipher, or null if none was agreed (then {@code failure} says why)
     * @param tlsEkm  keys (and the peer-id) from the TLS exporter rather than the PRF
     * @param peerId  whether both sides send P_DATA_V2 with a peer-id
     * @param failure the reason, or null
     */
    public record Outcome(DataCipher cipher, boolean tlsEkm, boolean peerId, String failure) {
        public boolean ok() {
            return cipher != null;
        }
    }

    private PeerToPeerNegotiation() {
    }

    /**
     * @param own          this side's data-ciphers
     * @param ownTlsServer whether this side is the TLS server (whose order decides)
     * @param ownTlsEkm    whether this side announced {@link IvProto#TLS_KEY_EXPORT}
     * @param peer         the peer's peer-info
     */
    public static Outcome negotiate(List<DataCipher> own, DataCipher fallback, boolean ownTlsServer, boolean ownTlsEkm, PeerInfo peer) {
        String peerList = peer.ivCiphers();
        if (peerList == null) {
            return fallback != null ? settle(fallback, ownTlsEkm, peer)
                    : new Outcome(null, false, false, "the peer sent no IV_CIPHERS (an OpenVPN before 2.5?): set 'cipher' to the "
                            + "peer's cipher to talk to it (failed to negotiate a data cipher with the peer)");
        }
        List<DataCipher> offered = DataCiphers.parsePeerList(peerList);
        DataCipher cipher = ownTlsServer ? firstShared(own, offered) : firstShared(offered, own);
        if (cipher == null && fallback != null) {
            cipher = fallback;
        }
        if (cipher == null) {
            return new Outcome(null, false, false, "no shared data cipher: data-ciphers " + DataCiphers.names(own)
                    + ", the peer's IV_CIPHERS '" + CipherNegotiation.printable(peerList) + "'");
        }
        return settle(cipher, ownTlsEkm, peer);
    }

    private static Outcome settle(DataCipher cipher, boolean ownTlsEkm, PeerInfo peer) {
        int bits = peer.ivProto();
        boolean negotiates = IvProto.has(bits, IvProto.NCP_P2P);
        return new Outcome(cipher, negotiates && ownTlsEkm && IvProto.has(bits, IvProto.TLS_KEY_EXPORT),
                negotiates && IvProto.has(bits, IvProto.DATA_V2), null);
    }

    /** The first of {@code serverOrder} that {@code clientList} has, or null. */
    private static DataCipher firstShared(List<DataCipher> serverOrder, List<DataCipher> clientList) {
        for (DataCipher a : serverOrder) {
            if (clientList.contains(a)) {
                return a;
            }
        }
        return null;
    }
}

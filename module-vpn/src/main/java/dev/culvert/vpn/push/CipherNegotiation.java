package dev.culvert.vpn.push;

import dev.culvert.vpn.keys.DataCipher;
import dev.culvert.vpn.keys.OccOptionsString;
import dev.culvert.vpn.keys.PeerInfo;
import java.util.List;

/**
 * Choosing the data cipher (ssl_ncp.c {@code ncp_get_best_cipher}, multi.c
 * {@code multi_client_set_protocol_options}, {@code check_session_cipher}).
 *
 * <p>Server: the first cipher of the server's list that the client names in {@code IV_CIPHERS};
 * a client with only {@code IV_NCP=2} is taken to offer {@code AES-256-GCM:AES-128-GCM}; a client
 * without {@code IV_CIPHERS} may also keep the {@code cipher} of its OCC options string if that
 * is in the server's list ("poor man's NCP"). Only a client that says nothing at all, neither a
 * list nor an OCC cipher (a 2.3 peer, or one without NCP), gets {@code data-ciphers-fallback}, if
 * set. Peer cipher names are matched case-insensitively (2.6 compares them exactly; 2.6 peers
 * send them normalised, so only odd peers differ).
 *
 * <p>Client ({@code check_pull_client_ncp}, {@code check_session_cipher}): a pushed cipher must
 * be in its own list or be its {@code data-ciphers-fallback}; without one, the server's OCC
 * {@code cipher} is accepted if in the list, and a server that names none gets the fallback.
 */
public final class CipherNegotiation {
    /** The text 2.6 sends as {@code AUTH_FAILED,<this>}. */
    public static final String NO_SHARED_CIPHER = "Data channel cipher negotiation failed (no shared cipher)";

    /**
     * The outcome: a cipher, whether to push it ({@code cipher X}; only clients that negotiate
     * learn it that way), or the failure text.
     */
    public record Choice(DataCipher cipher, boolean push, String failure) {
        public boolean ok() {
            return cipher != null;
        }
    }

    private CipherNegotiation() {
    }

    /**
     * Whether the client negotiates the cipher (2.6's {@code tls_peer_supports_ncp}: it sent
     * {@code IV_CIPHERS} or {@code IV_NCP} of 2 or more), and so is pushed {@code cipher X}.
     */
    public static boolean negotiates(PeerInfo client) {
        return client.ivCiphers() != null || client.ivNcp() >= 2;
    }

    /**
     * The server's choice for {@code client}.
     *
     * @param fallback {@code data-ciphers-fallback}, or {@code null}
     */
    public static Choice serverChoose(List<DataCipher> serverCiphers, DataCipher fallback, PeerInfo client, String clientOptions) {
        String ivCiphers = client.ivCiphers();
        boolean negotiates = negotiates(client);
        List<DataCipher> offered = ivCiphers != null
                ? DataCiphers.parsePeerList(ivCiphers)
                : client.ivNcp() >= 2 ? List.of(DataCipher.AES_256_GCM, DataCipher.AES_128_GCM) : List.of();
        // A client that lists its ciphers is not assumed to accept its OCC cipher; any other may
        // keep the OCC cipher if the server allows it, at that cipher's place in the server's order.
        String occName = clientOptions == null ? null : OccOptionsString.cipher(clientOptions);
        DataCipher occ = ivCiphers != null ? null : DataCipher.byOpenvpnName(nullToEmpty(occName));
        for (DataCipher a : serverCiphers) {
            if (offered.contains(a) || a == occ) {
                return new Choice(a, negotiates, null);
            }
        }
        if (offered.isEmpty() && occName == null && fallback != null) {
            return new Choice(fallback, negotiates, null);
        }
        return new Choice(null, false, NO_SHARED_CIPHER);
    }

    /**
     * The client's acceptance.
     *
     * @param pushedCipher the {@code cipher} of the PUSH_REPLY, or {@code null}
     * @param serverOptions the server's OCC options string, or {@code null}
     */
    public static Choice clientAccept(List<DataCipher> clientCiphers, DataCipher fallback, String pushedCipher, String serverOptions) {
        if (pushedCipher != null) {
            DataCipher a = DataCipher.byOpenvpnName(pushedCipher);
            if (a != null && (clientCiphers.contains(a) || a == fallback)) {
                return new Choice(a, false, null);
            }
            return new Choice(null, false, "pushed cipher '" + printable(pushedCipher) + "' is not in data-ciphers "
                    + DataCiphers.names(clientCiphers));
        }
        String occ = serverOptions == null ? null : OccOptionsString.cipher(serverOptions);
        DataCipher a = occ == null ? null : DataCipher.byOpenvpnName(occ);
        if (a != null && clientCiphers.contains(a)) {
            return new Choice(a, false, null);
        }
        if (occ == null && fallback != null) {
            return new Choice(fallback, false, null);
        }
        return new Choice(null, false, occ != null
                ? "OPTIONS ERROR: failed to negotiate cipher with server. Add the server's cipher ('" + printable(occ)
                        + "') to data-ciphers (now '" + DataCiphers.names(clientCiphers) + "') to connect to this server"
                : "OPTIONS ERROR: failed to negotiate cipher with server. Set data-ciphers-fallback to the server's cipher "
                        + "to connect to this server");
    }

    /** The peer's text for a message: printable ASCII only, bounded. */
    static String printable(String text) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < text.length() && sb.length() < 64; i++) {
            char c = text.charAt(i);
            sb.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return sb.toString();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}

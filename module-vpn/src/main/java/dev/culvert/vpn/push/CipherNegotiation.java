package dev.culvert.vpn.push;

import dev.culvert.spi.aead.AeadAlgorithm;
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
 * is in the server's list ("poor man's NCP"). Peer cipher names are matched case-insensitively
 * (2.6 compares them exactly; 2.6 peers send them normalised, so only odd peers differ). {@code data-ciphers-fallback} is not supported (it only
 * matters for pre-2.4 peers with non-AEAD ciphers, which Culvert cannot speak anyway).
 *
 * <p>Client: a pushed cipher must be in its own list; without one, the server's OCC
 * {@code cipher} is accepted if in the list.
 */
public final class CipherNegotiation {
    /** The text 2.6 sends as {@code AUTH_FAILED,<this>}. */
    public static final String NO_SHARED_CIPHER = "Data channel cipher negotiation failed (no shared cipher)";

    /**
     * The outcome: a cipher, whether to push it ({@code cipher X}; only clients that negotiate
     * learn it that way), or the failure text.
     */
    public record Choice(AeadAlgorithm cipher, boolean push, String failure) {
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

    public static Choice serverChoose(List<AeadAlgorithm> serverCiphers, PeerInfo client, String clientOptions) {
        String ivCiphers = client.ivCiphers();
        boolean negotiates = negotiates(client);
        List<AeadAlgorithm> offered = ivCiphers != null
                ? DataCiphers.parsePeerList(ivCiphers)
                : client.ivNcp() >= 2 ? List.of(AeadAlgorithm.AES_256_GCM, AeadAlgorithm.AES_128_GCM) : List.of();
        // A client that lists its ciphers is not assumed to accept its OCC cipher; any other may
        // keep the OCC cipher if the server allows it, at that cipher's place in the server's order.
        AeadAlgorithm occ = ivCiphers != null || clientOptions == null
                ? null
                : AeadAlgorithm.byOpenvpnName(nullToEmpty(OccOptionsString.cipher(clientOptions)));
        for (AeadAlgorithm a : serverCiphers) {
            if (offered.contains(a) || a == occ) {
                return new Choice(a, negotiates, null);
            }
        }
        return new Choice(null, false, NO_SHARED_CIPHER);
    }

    /**
     * The client's acceptance.
     *
     * @param pushedCipher the {@code cipher} of the PUSH_REPLY, or {@code null}
     * @param serverOptions the server's OCC options string, or {@code null}
     */
    public static Choice clientAccept(List<AeadAlgorithm> clientCiphers, String pushedCipher, String serverOptions) {
        if (pushedCipher != null) {
            AeadAlgorithm a = AeadAlgorithm.byOpenvpnName(pushedCipher);
            if (a != null && clientCiphers.contains(a)) {
                return new Choice(a, false, null);
            }
            return new Choice(null, false, "pushed cipher '" + pushedCipher + "' is not in data-ciphers " + DataCiphers.names(clientCiphers));
        }
        String occ = serverOptions == null ? null : OccOptionsString.cipher(serverOptions);
        AeadAlgorithm a = occ == null ? null : AeadAlgorithm.byOpenvpnName(occ);
        if (a != null && clientCiphers.contains(a)) {
            return new Choice(a, false, null);
        }
        return new Choice(null, false, "OPTIONS ERROR: failed to negotiate cipher with server");
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}

package dev.culvert.vpn.session;

import dev.culvert.vpn.keys.DataCipher;

/**
 * What the first key exchange settled for the session's life: a client learns it from the
 * PUSH_REPLY, a server decides it from the client's key-method-2 message. Later renegotiations
 * keep it.
 */
final class NegotiatedParameters {
    /** The data cipher; null before it is settled. */
    DataCipher cipher;
    /** Whether data keys come from the TLS exporter rather than the PRF. */
    boolean tlsEkm;
    /** Whether the peer takes EXIT as a control message (IV_PROTO_CC_EXIT_NOTIFY). */
    boolean ccExit;
    /** The peer-id P_DATA_V2 carries both ways, or -1 for P_DATA_V1. */
    int peerId = -1;
    /** Server: the peer-id to give this client if it speaks P_DATA_V2 (default 0). */
    int assignedPeerId;
    /** The common name of the peer's certificate; a server records it on the first key exchange. */
    String peerCommonName;

    void settle(DataCipher cipher, boolean tlsEkm, boolean ccExit, int peerId) {
        this.cipher = cipher;
        this.tlsEkm = tlsEkm;
        this.ccExit = ccExit;
        this.peerId = peerId;
    }

    /** How the data keys are derived, as the events name it. */
    String keyDerivation() {
        return tlsEkm ? "tls-ekm" : "prf";
    }
}

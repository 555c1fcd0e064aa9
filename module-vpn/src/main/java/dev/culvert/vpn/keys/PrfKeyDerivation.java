package dev.culvert.vpn.keys;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * OpenVPN's legacy data-key derivation (ssl.c {@code generate_key_expansion_openvpn_prf}), used
 * when the TLS exporter was not negotiated:
 *
 * <pre>
 * master[48] = PRF(client.pre_master, "OpenVPN master secret" ‖ client.random1 ‖ server.random1, 48)
 * key2[256]  = PRF(master, "OpenVPN key expansion" ‖ client.random2 ‖ server.random2
 *                          ‖ client_session_id ‖ server_session_id, 256)
 * </pre>
 *
 * The session ids are the 8-byte control-channel session ids of the TLS client and TLS server.
 */
public final class PrfKeyDerivation {
    static final byte[] MASTER_LABEL = "OpenVPN master secret".getBytes(StandardCharsets.US_ASCII);
    static final byte[] EXPANSION_LABEL = "OpenVPN key expansion".getBytes(StandardCharsets.US_ASCII);
    public static final int MASTER_LENGTH = 48;
    public static final int SESSION_ID_LENGTH = 8;

    private PrfKeyDerivation() {
    }

    /** The 256-byte key2 block from the client's and the server's key-method-2 messages. The caller wipes it. */
    public static byte[] key2(KeyMethod2Message client, KeyMethod2Message server, byte[] clientSessionId, byte[] serverSessionId) {
        if (client.preMaster() == null) {
            throw new IllegalArgumentException("the client's key-method-2 message carries the pre-master secret");
        }
        return key2(client.preMaster(), client.random1(), server.random1(), client.random2(), server.random2(),
                clientSessionId, serverSessionId);
    }

    /** The 256-byte key2 block from the raw inputs. The caller wipes it. */
    public static byte[] key2(byte[] preMaster, byte[] clientRandom1, byte[] serverRandom1,
                              byte[] clientRandom2, byte[] serverRandom2,
                              byte[] clientSessionId, byte[] serverSessionId) {
        checkLength("pre_master", preMaster, KeyMethod2Message.PRE_MASTER_LENGTH);
        checkLength("client random1", clientRandom1, KeyMethod2Message.RANDOM_LENGTH);
        checkLength("server random1", serverRandom1, KeyMethod2Message.RANDOM_LENGTH);
        checkLength("client random2", clientRandom2, KeyMethod2Message.RANDOM_LENGTH);
        checkLength("server random2", serverRandom2, KeyMethod2Message.RANDOM_LENGTH);
        checkLength("client session id", clientSessionId, SESSION_ID_LENGTH);
        checkLength("server session id", serverSessionId, SESSION_ID_LENGTH);
        byte[] masterSeed = concat(MASTER_LABEL, clientRandom1, serverRandom1);
        byte[] expansionSeed = concat(EXPANSION_LABEL, clientRandom2, serverRandom2, clientSessionId, serverSessionId);
        byte[] master = TlsPrf.prf(preMaster, masterSeed, MASTER_LENGTH);
        try {
            return TlsPrf.prf(master, expansionSeed, Key2Splitter.KEY2_LENGTH);
        } finally {
            Arrays.fill(master, (byte) 0);
            Arrays.fill(masterSeed, (byte) 0);
            Arrays.fill(expansionSeed, (byte) 0);
        }
    }

    private static void checkLength(String what, byte[] bytes, int length) {
        if (bytes == null || bytes.length != length) {
            throw new IllegalArgumentException(what + " must be " + length + " bytes");
        }
    }

    private static byte[] concat(byte[]... parts) {
        int total = 0;
        for (byte[] p : parts) {
            total += p.length;
        }
        byte[] out = new byte[total];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}

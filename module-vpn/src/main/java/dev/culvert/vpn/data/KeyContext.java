package dev.culvert.vpn.data;

import dev.culvert.core.graph.DropReason;
import dev.culvert.core.packet.Packet;
import dev.culvert.spi.aead.AeadAlgorithm;
import dev.culvert.spi.aead.AeadCipher;
import dev.culvert.spi.aead.AeadProvider;
import dev.culvert.vpn.keys.DataCipher;
import dev.culvert.vpn.keys.DataKey;
import dev.culvert.vpn.keys.DirectionalKeys;
import dev.culvert.vpn.replay.ReplayWindow;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.Arrays;

/**
 * One key_state of the data channel (one key id): its two directional keys as bytes, the cipher
 * contexts built from them, the next packet id to send and the receive replay window. It seals
 * and opens packets in the OpenVPN 2.6 AEAD format (crypto.c {@code openvpn_encrypt_aead}), or,
 * for a CBC cipher, in the legacy format {@link CbcHmac} describes:
 *
 * <pre>
 * P_DATA_V2:  48|kid  peer_id(3) | packet_id(4) | tag(16) | ciphertext     AAD = header(4) ‖ packet_id
 * P_DATA_V1:  30|kid             | packet_id(4) | tag(16) | ciphertext     AAD = packet_id
 * nonce = packet_id(4, big-endian) ‖ implicit IV(8)
 * </pre>
 *
 * <p>The contexts follow an {@link AeadSource}: when it names another provider, the next
 * {@link #seal} builds a new sealing context and the next {@link #open} a new opening context,
 * each on the thread that uses it, from the same key bytes, and closes the old one there
 * ({@link FollowingCipher}). Packet ids and the replay window live here, not in the contexts, so
 * they carry on and nothing is renegotiated. A CBC key is built on the JDK's cipher and does not
 * follow the source. {@link #retire} closes the contexts and wipes every key byte. Not thread-safe: one thread seals with a key at a time, one opens.
 */
public final class KeyContext implements AutoCloseable {
    /** 2.6's {@code PACKET_ID_WRAP_TRIGGER}: no packet goes out with an id at or above this. */
    public static final long SEND_LIMIT = 0xFF00_0000L;
    /** From here on {@link #needsRenegotiation()} asks for a new key, 16M packets before the limit. */
    public static final long RENEGOTIATE_AT = 0xFE00_0000L;
    static final int TAG = AeadAlgorithm.TAG_LENGTH;
    static final int IV_FROM_KEY_OFFSET = DataOpcodes.PACKET_ID_LENGTH;

    private final int keyId;
    private final DataKey sendKey;
    private final DataKey receiveKey;
    private final ReplayWindow replay;
    private final byte[] sendNonce = new byte[AeadAlgorithm.NONCE_LENGTH];
    private final byte[] receiveNonce = new byte[AeadAlgorithm.NONCE_LENGTH];
    private final FollowingCipher sealer;
    private final FollowingCipher opener;
    /** The CBC contexts of a CBC key; null for an AEAD key. */
    private final CbcHmac cbcSealer;
    private final CbcHmac cbcOpener;
    private AeadSource source;
    private volatile String madeBy = "";
    /** Set by the opening thread at the first packet this key opened; read by the control side. */
    private volatile boolean opened;
    private long nextSendId = 1;
    /**
     * Data-channel bytes sealed and opened with this key, for reneg-bytes; each written by its one
     * thread and read by the control side without a fence: a stale (or, on a 32-bit JVM, torn) read
     * only moves a byte-count renegotiation by a tick.
     */
    private long sealedBytes;
    private long openedBytes;
    private boolean retired;

    /**
     * Takes ownership of {@code keys} (wiped on {@link #retire}) and builds contexts from
     * {@code provider}, or, if the provider follows a slot (it is an {@link AeadSource}), from
     * whichever provider that names, now and later.
     *
     * @throws GeneralSecurityException if the provider cannot build them; the keys are wiped then
     */
    public KeyContext(int keyId, DirectionalKeys keys, ReplayWindow replay, AeadProvider provider) throws GeneralSecurityException {
        this(keyId, keys, replay, AeadSource.of(provider));
    }

    /**
     * Takes ownership of {@code keys} (wiped on {@link #retire}), builds contexts from the
     * source's current provider, and follows the source from then on.
     *
     * @throws GeneralSecurityException if the provider cannot build them; the keys are wiped then
     */
    public KeyContext(int keyId, DirectionalKeys keys, ReplayWindow replay, AeadSource source) throws GeneralSecurityException {
        if (keyId < 0 || keyId > DataOpcodes.KEY_ID_MASK) {
            throw new IllegalArgumentException("key id " + keyId);
        }
        if (keys.send().cipher() != keys.receive().cipher()) {
            throw new IllegalArgumentException("both directions of a key use one cipher");
        }
        this.keyId = keyId;
        this.sendKey = keys.send();
        this.receiveKey = keys.receive();
        this.replay = replay;
        this.sealer = new FollowingCipher(sendKey, true);
        this.opener = new FollowingCipher(receiveKey, false);
        CbcHmac cbcSeal = null;
        CbcHmac cbcOpen = null;
        try {
            if (sendKey.cipher().isAead()) {
                rebuild(source.current(), source);
            } else {
                this.source = source;
                cbcSeal = new CbcHmac(sendKey, true);
                cbcOpen = new CbcHmac(receiveKey, false);
            }
        } catch (GeneralSecurityException | RuntimeException e) {
            if (cbcSeal != null) {
                cbcSeal.close();
            }
            retire();
            throw e;
        }
        this.cbcSealer = cbcSeal;
        this.cbcOpener = cbcOpen;
    }

    public int keyId() {
        return keyId;
    }

    public DataCipher cipher() {
        return sendKey.cipher();
    }

    /** Notes which TLS backend's handshake this key came from, for status displays. */
    public void madeBy(String tlsBackend) {
        madeBy = tlsBackend;
    }

    /** The TLS backend whose handshake this key came from, or empty if not noted. */
    public String madeBy() {
        return madeBy;
    }

    /** The name of the provider the sealing context came from. */
    public String providerName() {
        return cbcSealer != null ? cbcSealer.providerName() : sealer.providerName();
    }

    /** The name of the provider the opening context came from (it moves with the first packet opened after a swap). */
    public String openerProviderName() {
        return cbcOpener != null ? cbcOpener.providerName() : opener.providerName();
    }

    /** How many times either context was rebuilt for a provider the source named, since this key was made. */
    public long rebinds() {
        return sealer.rebinds() + opener.rebinds();
    }

    /** How many times a provider the source named could not build a context for this key, so the old one stayed. */
    public long refusedRebinds() {
        return sealer.refusals() + opener.refusals();
    }

    /** Whether a packet sealed with this key opened here: the peer has the key. */
    public boolean hasOpened() {
        return opened;
    }

    /** The id the next sealed packet gets. */
    public long nextSendId() {
        return nextSendId;
    }

    /** For tests: pretend this many packets went out already. */
    void skipSendIdsTo(long next) {
        nextSendId = next;
    }

    /** The data-channel bytes (on the wire, both ways) this key sealed and opened so far, as 2.6 counts them for reneg-bytes. */
    public long bytes() {
        return sealedBytes + openedBytes;
    }

    /** Whether this key is close to running out of packet ids and a renegotiation should start. */
    public boolean needsRenegotiation() {
        return nextSendId >= RENEGOTIATE_AT;
    }

    public boolean isRetired() {
        return retired;
    }

    /**
     * Replaces both AEAD contexts with new ones from {@code provider}, built from the same key
     * bytes, and keeps to {@code provider} from now on; packet ids and the replay window carry on.
     * On failure the old contexts stay. Only for a key no other thread is using: the data path
     * follows its source instead.
     */
    public void rebuild(AeadProvider provider) throws GeneralSecurityException {
        if (cbcSealer != null) {
            return;
        }
        rebuild(provider, () -> provider);
    }

    private void rebuild(AeadProvider provider, AeadSource follow) throws GeneralSecurityException {
        if (retired) {
            throw new IllegalStateException("key " + keyId + " is retired");
        }
        AeadCipher newSealer = sealer.newFrom(provider);
        AeadCipher newOpener;
        try {
            newOpener = opener.newFrom(provider);
        } catch (GeneralSecurityException | RuntimeException e) {
            newSealer.close();
            throw e;
        }
        source = follow;
        sealer.use(newSealer, provider);
        opener.use(newOpener, provider);
        sendKey.copyImplicitIv(sendNonce, IV_FROM_KEY_OFFSET);
        receiveKey.copyImplicitIv(receiveNonce, IV_FROM_KEY_OFFSET);
    }

    /**
     * Encrypts the packet's window (the payload) in place and prepends the header, packet id and
     * tag. Needs {@link #overhead} bytes of headroom and {@value #TAG} of tailroom (the AEAD's
     * scratch). Returns {@code null} when sealed, or why not (the packet is then unchanged).
     *
     * @param peerId the 24-bit peer-id for P_DATA_V2, or a negative number for P_DATA_V1
     */
    public DropReason seal(Packet packet, int peerId) {
        if (retired) {
            return DataDrops.UNKNOWN_KEY;
        }
        if (nextSendId >= SEND_LIMIT) {
            return DataDrops.PACKET_ID_EXHAUSTED;
        }
        boolean v2 = peerId >= 0;
        int header = v2 ? DataOpcodes.V2_HEADER : DataOpcodes.V1_HEADER;
        if (cbcSealer != null) {
            return sealCbc(packet, peerId, header);
        }
        int overhead = header + DataOpcodes.PACKET_ID_LENGTH + TAG;
        if (packet.headroom() < overhead || packet.tailroom() < TAG) {
            return DataDrops.NO_ROOM;
        }
        sealer.follow(source.current());
        int payloadLength = packet.length();
        long id = nextSendId++;
        packet.prepend(overhead);
        putHeader(packet, peerId);
        packet.putInt(header, (int) id);
        putPacketId(sendNonce, (int) id);
        ByteBuffer buf = packet.buffer();
        int start = packet.offset();
        int aadOffset = v2 ? start : start + header;
        int aadLength = v2 ? DataOpcodes.V2_HEADER + DataOpcodes.PACKET_ID_LENGTH : DataOpcodes.PACKET_ID_LENGTH;
        int tagOffset = start + header + DataOpcodes.PACKET_ID_LENGTH;
        sealer.cipher().seal(sendNonce, buf, aadOffset, aadLength, buf, tagOffset + TAG, payloadLength, tagOffset);
        sealedBytes += packet.length();
        return null;
    }

    private DropReason sealCbc(Packet packet, int peerId, int header) {
        if (packet.headroom() < header + cbcSealer.headroom() || packet.tailroom() < CbcHmac.BLOCK) {
            return DataDrops.NO_ROOM;
        }
        try {
            cbcSealer.seal(packet, (int) nextSendId);
        } catch (GeneralSecurityException e) {
            // The JDK's AES-CBC does not fail on whole blocks; if it ever did, the packet is dropped, counted.
            return DataDrops.SEAL_FAILED;
        }
        nextSendId++;
        packet.prepend(header);
        putHeader(packet, peerId);
        sealedBytes += packet.length();
        return null;
    }

    private void putHeader(Packet packet, int peerId) {
        if (peerId >= 0) {
            packet.putInt(0, (DataOpcodes.P_DATA_V2 << DataOpcodes.OPCODE_SHIFT | keyId) << 24 | (peerId & DataOpcodes.NO_PEER_ID));
        } else {
            packet.putByte(0, DataOpcodes.P_DATA_V1 << DataOpcodes.OPCODE_SHIFT | keyId);
        }
    }

    /**
     * Authenticates and decrypts a data packet whose opcode, key id and peer-id the caller has
     * checked, then runs the replay check; on success the window is the plaintext. {@code header}
     * is 1 (P_DATA_V1) or 4 (P_DATA_V2). On a refusal the packet's bytes are unusable.
     */
    DropReason open(Packet packet, int header, long nowNanos) {
        if (retired) {
            return DataDrops.UNKNOWN_KEY;
        }
        if (cbcOpener != null) {
            return openCbc(packet, header, nowNanos);
        }
        int overhead = header + DataOpcodes.PACKET_ID_LENGTH + TAG;
        if (packet.length() < overhead) {
            return DataDrops.TRUNCATED;
        }
        if (packet.tailroom() < TAG) {
            return DataDrops.TOO_LONG;
        }
        opener.follow(source.current());
        int id = packet.getInt(header);
        putPacketId(receiveNonce, id);
        ByteBuffer buf = packet.buffer();
        int start = packet.offset();
        boolean v2 = header == DataOpcodes.V2_HEADER;
        int aadOffset = v2 ? start : start + header;
        int aadLength = v2 ? DataOpcodes.V2_HEADER + DataOpcodes.PACKET_ID_LENGTH : DataOpcodes.PACKET_ID_LENGTH;
        int tagOffset = start + header + DataOpcodes.PACKET_ID_LENGTH;
        if (!opener.cipher().open(receiveNonce, buf, aadOffset, aadLength, buf, tagOffset + TAG, packet.length() - overhead, tagOffset)) {
            return DataDrops.AUTH_FAILED;
        }
        return accept(packet, id, overhead, packet.length(), nowNanos);
    }

    private DropReason openCbc(Packet packet, int header, long nowNanos) {
        int wireLength = packet.length();
        DropReason why;
        try {
            why = cbcOpener.open(packet, header);
        } catch (GeneralSecurityException e) {
            return DataDrops.CBC_MALFORMED;
        }
        if (why != null) {
            return why;
        }
        return accept(packet, packet.getInt(0), DataOpcodes.PACKET_ID_LENGTH, wireLength, nowNanos);
    }

    /** The replay check of an authenticated packet, then the window moves past {@code front}. */
    private DropReason accept(Packet packet, int id, int front, int wireLength, long nowNanos) {
        if (!replay.accept(id & 0xFFFF_FFFFL, nowNanos).accepted()) {
            return DataDrops.REPLAY;
        }
        if (!opened) {
            opened = true;
        }
        openedBytes += wireLength;
        packet.trimFront(front);
        return null;
    }

    /** Bytes {@link #seal} adds in front of the payload with an AEAD cipher. */
    public static int overhead(boolean v2) {
        return (v2 ? DataOpcodes.V2_HEADER : DataOpcodes.V1_HEADER) + DataOpcodes.PACKET_ID_LENGTH + TAG;
    }

    /** The most {@link #seal} makes a packet grow with this key: the AEAD overhead, or CBC's with the largest padding. */
    public int maxGrowth(boolean v2) {
        if (cbcSealer == null) {
            return overhead(v2);
        }
        return (v2 ? DataOpcodes.V2_HEADER : DataOpcodes.V1_HEADER) + cbcSealer.headroom() + CbcHmac.BLOCK;
    }

    private static void putPacketId(byte[] nonce, int id) {
        nonce[0] = (byte) (id >>> 24);
        nonce[1] = (byte) (id >>> 16);
        nonce[2] = (byte) (id >>> 8);
        nonce[3] = (byte) id;
    }

    /** Closes the contexts and wipes the key bytes and nonces; the context is dead afterwards. Idempotent. */
    public void retire() {
        retired = true;
        closeCiphers();
        sendKey.wipe();
        receiveKey.wipe();
        Arrays.fill(sendNonce, (byte) 0);
        Arrays.fill(receiveNonce, (byte) 0);
    }

    private void closeCiphers() {
        sealer.close();
        opener.close();
        if (cbcSealer != null) {
            cbcSealer.close();
            cbcOpener.close();
        }
    }

    @Override
    public void close() {
        retire();
    }

    @Override
    public String toString() {
        return "KeyContext[key " + keyId + ", " + cipher().openvpnName() + ", next id " + nextSendId + (retired ? ", retired" : "") + "]";
    }
}

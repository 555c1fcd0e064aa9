package dev.culvert.vpn.data;

import dev.culvert.core.graph.DropReason;
import dev.culvert.core.packet.Packet;
import dev.culvert.spi.aead.WipeableKey;
import dev.culvert.vpn.keys.DataCipher;
import dev.culvert.vpn.keys.DataKey;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * One direction of a CBC data-channel key: OpenVPN 2.6's legacy format (crypto.c
 * {@code openvpn_encrypt_v1} / {@code openvpn_decrypt_v1}) for peers that do not speak an AEAD
 * cipher. Encrypt-then-MAC:
 *
 * <pre>
 * header | HMAC(auth, over IV ‖ ciphertext) | IV(16, random) | AES-CBC(packet_id(4) ‖ payload ‖ PKCS#7 padding)
 * </pre>
 *
 * The header (the opcode byte, or P_DATA_V2's four bytes) is not authenticated, and the packet id
 * travels encrypted. The HMAC is checked, in constant time, before anything is decrypted, so a
 * forged packet never reaches the padding check. Built on the JDK's own cipher and MAC: CBC is a
 * compatibility path, and the hot-swappable {@code aead} slot stays AEAD only.
 *
 * <p>Not thread-safe: one thread seals with a key, one opens.
 */
final class CbcHmac {
    static final int BLOCK = DataCipher.CBC_BLOCK;
    static final int PACKET_ID = DataOpcodes.PACKET_ID_LENGTH;

    private final boolean encrypt;
    private final Cipher cipher;
    private final Mac mac;
    private final WipeableKey cipherKey;
    private final WipeableKey macKey;
    private final int macLength;
    private final byte[] iv = new byte[BLOCK];
    private final byte[] expectedMac;
    private final byte[] receivedMac;
    private final SecureRandom random;
    private boolean closed;

    /** A context for {@code key}'s direction; copies the key bytes, which the caller keeps owning. */
    CbcHmac(DataKey key, boolean encrypt) throws GeneralSecurityException {
        this.encrypt = encrypt;
        this.cipher = Cipher.getInstance("AES/CBC/NoPadding");
        this.cipherKey = WipeableKey.copying(key.cipherKeyBytes(), "AES");
        this.mac = Mac.getInstance(key.digest().jceName());
        this.macKey = WipeableKey.copying(key.hmacKeyBytes(), key.digest().jceName());
        this.mac.init(macKey);
        this.macLength = key.digest().length();
        this.expectedMac = new byte[macLength];
        this.receivedMac = new byte[macLength];
        this.random = encrypt ? new SecureRandom() : null;
        // Fails here, not on the first packet, if the JDK cannot do this key length.
        cipher.init(encrypt ? Cipher.ENCRYPT_MODE : Cipher.DECRYPT_MODE, cipherKey, new IvParameterSpec(iv));
    }

    /** The JCE provider the contexts came from, for status displays. */
    String providerName() {
        return cipher.getProvider().getName();
    }

    /** Bytes in front of the packet id: the HMAC and the IV. */
    int prefix() {
        return macLength + BLOCK;
    }

    /** The most {@link #seal} adds in front of a payload: HMAC, IV and packet id. */
    int headroom() {
        return prefix() + PACKET_ID;
    }

    /**
     * Encrypts the window in place behind a fresh random IV and prepends the packet id, IV and
     * HMAC; the caller has checked {@link #headroom} and {@value #BLOCK} bytes of tailroom for the
     * padding, and prepends the header.
     */
    void seal(Packet packet, int packetId) throws GeneralSecurityException {
        packet.prepend(PACKET_ID);
        packet.putInt(0, packetId);
        int plain = packet.length();
        int pad = BLOCK - plain % BLOCK;
        packet.append(pad);
        for (int i = plain; i < plain + pad; i++) {
            packet.putByte(i, pad);
        }
        random.nextBytes(iv);
        cipher.init(Cipher.ENCRYPT_MODE, cipherKey, new IvParameterSpec(iv));
        int length = packet.length();
        cipher.doFinal(packet.buffer().slice(packet.offset(), length), packet.buffer().slice(packet.offset(), length));
        packet.prepend(BLOCK);
        packet.putBytes(0, iv, 0, BLOCK);
        mac.update(packet.buffer().slice(packet.offset(), packet.length()));
        packet.prepend(macLength);
        mac.doFinal(expectedMac, 0);
        packet.putBytes(0, expectedMac, 0, macLength);
    }

    /**
     * Checks the HMAC of the packet behind its {@code header} bytes, then decrypts in place. On
     * success returns {@code null} with the window on {@code packet_id ‖ payload}; else why not,
     * with the packet's bytes unusable.
     */
    DropReason open(Packet packet, int header) throws GeneralSecurityException {
        int ciphertext = packet.length() - header - prefix();
        if (ciphertext < BLOCK) {
            return DataDrops.TRUNCATED;
        }
        int start = packet.offset() + header;
        packet.getBytes(header, receivedMac, 0, macLength);
        mac.update(packet.buffer().slice(start + macLength, BLOCK + ciphertext));
        mac.doFinal(expectedMac, 0);
        if (!MessageDigest.isEqual(expectedMac, receivedMac)) {
            return DataDrops.AUTH_FAILED;
        }
        if (ciphertext % BLOCK != 0) {
            return DataDrops.CBC_MALFORMED;
        }
        packet.getBytes(header + macLength, iv, 0, BLOCK);
        cipher.init(Cipher.DECRYPT_MODE, cipherKey, new IvParameterSpec(iv));
        int from = start + macLength + BLOCK;
        cipher.doFinal(packet.buffer().slice(from, ciphertext), packet.buffer().slice(from, ciphertext));
        packet.trimFront(header + prefix());
        int pad = packet.getUnsignedByte(ciphertext - 1);
        if (pad < 1 || pad > BLOCK || ciphertext - pad < PACKET_ID) {
            return DataDrops.CBC_MALFORMED;
        }
        for (int i = ciphertext - pad; i < ciphertext - 1; i++) {
            if (packet.getUnsignedByte(i) != pad) {
                return DataDrops.CBC_MALFORMED;
            }
        }
        packet.trimBack(pad);
        return null;
    }

    /**
     * Overwrites the key schedules in the JDK's contexts with a zero key and wipes this context's
     * copies of both keys; the context is dead afterwards. Idempotent.
     */
    void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            mac.init(new SecretKeySpec(new byte[] {0}, mac.getAlgorithm()));
            cipher.init(encrypt ? Cipher.ENCRYPT_MODE : Cipher.DECRYPT_MODE, new SecretKeySpec(new byte[BLOCK], "AES"),
                    new IvParameterSpec(new byte[BLOCK]));
        } catch (GeneralSecurityException | RuntimeException e) {
            // nothing more can be overwritten; the references go below
        }
        cipherKey.destroy();
        macKey.destroy();
        Arrays.fill(iv, (byte) 0);
        Arrays.fill(expectedMac, (byte) 0);
        Arrays.fill(receivedMac, (byte) 0);
    }
}

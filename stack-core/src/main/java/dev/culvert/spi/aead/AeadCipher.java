package dev.culvert.spi.aead;

import java.nio.ByteBuffer;

/**
 * One direction of one data-channel key. Works in place on a packet's bytes: the ciphertext
 * replaces the plaintext at the same position, and the tag goes wherever the wire format wants it
 * (OpenVPN 2.6 puts it before the ciphertext).
 *
 * <p>What an implementation may assume: one thread uses a context at a time (a tunnel serialises a
 * direction of a key, as it must to keep packet ids in order); {@code data} has at least
 * {@link AeadAlgorithm#TAG_LENGTH} bytes of room after {@code offset + length}, which the
 * implementation may use as scratch.
 *
 * <p>What it must guarantee: {@link #open} returns false, never throws, for any forged,
 * truncated or corrupted input, and leaves no unauthenticated plaintext marked valid.
 */
public interface AeadCipher extends AutoCloseable {
    AeadAlgorithm algorithm();

    /**
     * Encrypts {@code data[offset, offset + length)} in place under {@code nonce} (12 bytes) and
     * {@code aad[aadOffset, aadOffset + aadLength)}, and writes the tag at {@code data[tagOffset]}.
     * The tag's place must not overlap the plaintext.
     */
    void seal(byte[] nonce, ByteBuffer aad, int aadOffset, int aadLength,
              ByteBuffer data, int offset, int length, int tagOffset);

    /**
     * Authenticates and decrypts {@code data[offset, offset + length)} in place, with the tag at
     * {@code data[tagOffset]}. Returns false, with the plaintext unusable, if authentication fails.
     */
    boolean open(byte[] nonce, ByteBuffer aad, int aadOffset, int aadLength,
                 ByteBuffer data, int offset, int length, int tagOffset);

    /** Wipes the key material this context holds. */
    @Override
    void close();
}

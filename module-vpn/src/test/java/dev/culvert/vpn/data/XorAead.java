package dev.culvert.vpn.data;

import dev.culvert.spi.aead.AeadAlgorithm;
import dev.culvert.spi.aead.AeadCipher;
import dev.culvert.spi.aead.AeadProvider;
import java.nio.ByteBuffer;

/**
 * A toy AEAD for the tests of the data path's own code: XOR with the key's first byte, a sum with
 * the nonce as the tag. It allocates nothing per packet and protects nothing; not cryptography.
 */
public final class XorAead implements AeadProvider {
    private final boolean refuseTags;

    private XorAead(boolean refuseTags) {
        this.refuseTags = refuseTags;
    }

    /** Seals and opens, every tag checked. */
    public static AeadProvider provider() {
        return new XorAead(false);
    }

    /** Seals, but finds no tag good when opening: what a broken provider looks like to the data channel. */
    public static AeadProvider refusingTags() {
        return new XorAead(true);
    }

    @Override
    public String name() {
        return refuseTags ? "xor-refusing" : "xor";
    }

    @Override
    public boolean supports(AeadAlgorithm algorithm) {
        return true;
    }

    @Override
    public AeadCipher newCipher(AeadAlgorithm algorithm, byte[] key, boolean encrypt) {
        byte k = key[0];
        return new AeadCipher() {
            @Override
            public AeadAlgorithm algorithm() {
                return algorithm;
            }

            @Override
            public void seal(byte[] nonce, ByteBuffer aad, int aadOffset, int aadLength, ByteBuffer data, int offset, int length, int tagOffset) {
                byte sum = 0;
                for (int i = offset; i < offset + length; i++) {
                    sum += data.get(i);
                    data.put(i, (byte) (data.get(i) ^ k));
                }
                for (int i = 0; i < 16; i++) {
                    data.put(tagOffset + i, (byte) (sum + nonce[3] + i));
                }
            }

            @Override
            public boolean open(byte[] nonce, ByteBuffer aad, int aadOffset, int aadLength, ByteBuffer data, int offset, int length, int tagOffset) {
                byte sum = 0;
                for (int i = offset; i < offset + length; i++) {
                    data.put(i, (byte) (data.get(i) ^ k));
                    sum += data.get(i);
                }
                return !refuseTags && data.get(tagOffset) == (byte) (sum + nonce[3]);
            }

            @Override
            public void close() {
            }
        };
    }
}

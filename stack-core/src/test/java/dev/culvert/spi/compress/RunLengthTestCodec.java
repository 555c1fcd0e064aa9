package dev.culvert.spi.compress;

import java.nio.ByteBuffer;

/**
 * A deliberately simple, strictly bounded codec for testing the framing without a real library:
 * pairs of (run length 1..255, byte). Runs shrink, random bytes double, so both of the framing's
 * decisions are easy to provoke. It can pose as any algorithm, to test lookups and swaps.
 */
public final class RunLengthTestCodec implements Compressor {
    private final String name;
    private final CompressionAlgorithm algorithm;

    public RunLengthTestCodec(String name, CompressionAlgorithm algorithm) {
        this.name = name;
        this.algorithm = algorithm;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public CompressionAlgorithm algorithm() {
        return algorithm;
    }

    @Override
    public int maxCompressedLength(int length) {
        return 2 * length;
    }

    @Override
    public int compress(ByteBuffer src, int srcOffset, int length, ByteBuffer dst, int dstOffset, int maxOut) {
        int out = 0;
        int i = 0;
        while (i < length) {
            byte b = src.get(srcOffset + i);
            int run = 1;
            while (i + run < length && run < 255 && src.get(srcOffset + i + run) == b) {
                run++;
            }
            if (out + 2 > maxOut) {
                return -1;
            }
            dst.put(dstOffset + out, (byte) run);
            dst.put(dstOffset + out + 1, b);
            out += 2;
            i += run;
        }
        return out;
    }

    @Override
    public int decompress(ByteBuffer src, int srcOffset, int length, ByteBuffer dst, int dstOffset, int maxOut) {
        if (length <= 0 || length % 2 != 0) {
            return MALFORMED;
        }
        int out = 0;
        for (int i = 0; i < length; i += 2) {
            int run = src.get(srcOffset + i) & 0xff;
            if (run == 0) {
                return MALFORMED;
            }
            if (out + run > maxOut) {
                return TOO_LARGE;
            }
            byte b = src.get(srcOffset + i + 1);
            for (int k = 0; k < run; k++) {
                dst.put(dstOffset + out + k, b);
            }
            out += run;
        }
        return out;
    }

    @Override
    public String toString() {
        return name;
    }
}

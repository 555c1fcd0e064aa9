package dev.culvert.core.io.transport;

import dev.culvert.core.packet.Packet;
import dev.culvert.core.packet.PacketBatch;
import dev.culvert.core.packet.PacketPool;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.LongAdder;

/**
 * Cuts OpenVPN's stream frames (a 2-byte big-endian length, then that many bytes) out of a TCP
 * byte stream, whatever the segment boundaries. It keeps the state between calls: a half-read
 * length, at most one partly filled packet, or the rest of a frame it is skipping because no
 * buffer was free. Every length is checked before a byte of the frame is stored.
 */
final class FrameReader {
    /** Returned by {@link #read} when the stream announced a length of 0 or above the maximum. */
    static final int BAD_LENGTH = -1;

    private final int maxFrame;
    private final LongAdder skippedFrames;
    private int headerBytes;
    private int header;
    private Packet partial;
    private int expected;
    private int skip;

    FrameReader(int maxFrame, LongAdder skippedFrames) {
        if (maxFrame < 1 || maxFrame > 65535) {
            throw new IllegalArgumentException("max frame " + maxFrame);
        }
        this.maxFrame = maxFrame;
        this.skippedFrames = skippedFrames;
    }

    /**
     * Reads bytes {@code [start, end)} of {@code in}; each complete frame becomes a packet in
     * {@code into}, its {@linkplain dev.culvert.core.packet.Packet#remote() remote} the stream's
     * handle {@code remote}. Stops before starting a new frame when {@code into}
     * is full. Returns the index of the first byte not consumed, or {@link #BAD_LENGTH}, after
     * which the stream is unusable and the caller closes it.
     */
    int read(ByteBuffer in, int start, int end, PacketBatch into, PacketPool pool, int remote) {
        int at = start;
        while (at < end) {
            if (skip > 0) {
                int n = Math.min(skip, end - at);
                skip -= n;
                at += n;
                continue;
            }
            if (partial == null) {
                if (into.isFull()) {
                    break;
                }
                while (headerBytes < 2 && at < end) {
                    header = (header << 8) | (in.get(at++) & 0xff);
                    headerBytes++;
                }
                if (headerBytes < 2) {
                    break;
                }
                int length = header;
                header = 0;
                headerBytes = 0;
                if (length == 0 || length > maxFrame) {
                    return BAD_LENGTH;
                }
                Packet p = pool.acquire();
                if (p == null || p.tailroom() < length) {
                    if (p != null) {
                        p.release();
                    }
                    skippedFrames.increment();
                    skip = length;
                    continue;
                }
                p.setLength(0);
                partial = p;
                expected = length;
            }
            Packet p = partial;
            int n = Math.min(expected - p.length(), end - at);
            int to = p.offset() + p.length();
            p.setLength(p.length() + n);
            p.buffer().put(to, in, at, n);
            at += n;
            if (p.length() == expected) {
                partial = null;
                p.setRemote(remote);
                into.add(p);
            }
        }
        return at;
    }

    /** Gives back the partly filled packet, if any; when the stream closes. */
    void release() {
        if (partial != null) {
            partial.release();
            partial = null;
        }
    }
}

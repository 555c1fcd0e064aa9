package dev.culvert.vpn.control;

import dev.culvert.core.graph.DropReason;

/** No tls-auth or tls-crypt: the control packet goes on the wire as it is. */
public final class NoWrap implements ControlWrap {
    private static final int HEADER = 9;

    @Override
    public int overhead() {
        return 0;
    }

    @Override
    public int wrap(byte[] plain, int off, int len, byte[] out, int outOff) {
        if (len < HEADER || len > out.length - outOff) {
            throw new IllegalArgumentException("cannot wrap " + len + " bytes into " + (out.length - outOff));
        }
        System.arraycopy(plain, off, out, outOff, len);
        return len;
    }

    @Override
    public DropReason unwrap(byte[] wire, int off, int len, long nowNanos, ControlPlaintext out) {
        if (len > out.capacity()) {
            return WrapDrops.TOO_LONG;
        }
        System.arraycopy(wire, off, out.bytes(), 0, len);
        out.setLength(len);
        return null;
    }

    @Override
    public DropReason unwrapStateless(byte[] wire, int off, int len, ControlPlaintext out) {
        return unwrap(wire, off, len, 0, out);
    }

    @Override
    public int wrapStateless(byte[] plain, int off, int len, long replayId, long replayTime, byte[] out, int outOff) {
        return wrap(plain, off, len, out, outOff);
    }

    @Override
    public void skipSendReplayIdsThrough(long replayId) {
        // No replay ids without wrapping.
    }

    @Override
    public void close() {
    }
}

package dev.culvert.vpn.session;

import dev.culvert.vpn.control.ControlChannel;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.function.Consumer;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;

/**
 * Drives one {@link SSLEngine} over one key state's {@link ControlChannel}: TLS records the
 * channel reassembled go into {@code unwrap}, what {@code wrap} produces goes back into the
 * channel's outbound stream, delegated tasks run inline on the calling (control) thread.
 * Application data comes out one TLS record at a time (both JSSE and BCJSSE unwrap one record per
 * call), which is what key method 2 and the control messages need: each is one record.
 */
final class TlsPump {
    private static final int MAX_STEPS = 256;

    private final SSLEngine engine;
    private final ControlChannel channel;
    private final int packetSize;
    private final int applicationSize;
    /** Held while bytes move: from the first pump until the handshake is done and nothing waits (see {@link #rest}). */
    private ByteBuffer netIn;
    private ByteBuffer netOut;
    private ByteBuffer appIn;
    private byte[] scratch;
    private final ArrayDeque<byte[]> pendingWrites = new ArrayDeque<>();
    private boolean started;
    private boolean handshakeDone;
    private boolean overflowed;
    /** Pumps under way on this pump's stack (a record's consumer may pump again); only the outermost rests. */
    private int depth;

    TlsPump(SSLEngine engine, ControlChannel channel) {
        this.engine = engine;
        this.channel = channel;
        this.packetSize = engine.getSession().getPacketBufferSize();
        this.applicationSize = engine.getSession().getApplicationBufferSize();
    }

    /** The pump's buffers, made again if {@link #rest} let them go. */
    private void hold() {
        if (netIn == null) {
            netIn = ByteBuffer.allocate(2 * packetSize);
            netOut = ByteBuffer.allocate(packetSize);
            appIn = ByteBuffer.allocate(applicationSize + 1024);
            scratch = new byte[packetSize];
        }
    }

    /**
     * Lets the buffers go once the handshake is done and no byte waits in them: about 80 KiB
     * (a TLS engine asks for 16 KiB records), which a connected session would otherwise hold
     * between renegotiations for nothing. The few control messages after the handshake (key
     * method 2, the push) make them again for a moment.
     */
    private void rest() {
        if (depth == 1 && handshakeDone && netIn != null && netIn.position() == 0 && appIn.position() == 0 && pendingWrites.isEmpty()
                && engine.getHandshakeStatus() == HandshakeStatus.NOT_HANDSHAKING) {
            wipeBuffers();
            netIn = null;
            netOut = null;
            appIn = null;
            scratch = null;
        }
    }

    /** A connected session's pump stays at rest for a control packet that brings no TLS byte (an ACK). */
    private boolean restingWithNothingToDo() {
        return netIn == null && handshakeDone && channel.tlsAvailable() == 0 && pendingWrites.isEmpty()
                && engine.getHandshakeStatus() == HandshakeStatus.NOT_HANDSHAKING;
    }

    /** Whether the buffers are held now (for tests). */
    boolean holdsBuffers() {
        return netIn != null;
    }

    SSLEngine engine() {
        return engine;
    }

    void start() throws SSLException {
        if (!started) {
            started = true;
            engine.beginHandshake();
        }
    }

    boolean started() {
        return started;
    }

    boolean handshakeDone() {
        return handshakeDone;
    }

    /** Whether TLS output ever failed to fit the channel (counted by the caller). */
    boolean takeOverflow() {
        boolean o = overflowed;
        overflowed = false;
        return o;
    }

    /** Whether records are queued that the engine has not written yet. */
    boolean hasPendingWrites() {
        return !pendingWrites.isEmpty();
    }

    /** Queues {@code record} (one TLS application record) to be written once the handshake is done. */
    void write(byte[] record) {
        pendingWrites.add(record);
    }

    /**
     * Moves bytes both ways until nothing more happens; each application record read is handed
     * to {@code records}.
     *
     * @throws SSLException when the handshake or a record fails; the engine is then unusable
     */
    void pump(Consumer<byte[]> records) throws SSLException {
        if (!started || restingWithNothingToDo()) {
            return;
        }
        hold();
        depth++;
        try {
            pumpHeld(records);
        } finally {
            depth--;
        }
    }

    private void pumpHeld(Consumer<byte[]> records) throws SSLException {
        for (int step = 0; step < MAX_STEPS; step++) {
            boolean progress = false;
            int room = Math.min(netIn.remaining(), scratch.length);
            int n = channel.tlsAvailable() > 0 && room > 0 ? channel.readTls(scratch, 0, room) : 0;
            if (n > 0) {
                netIn.put(scratch, 0, n);
                progress = true;
            }
            netIn.flip();
            try {
                if (netIn.hasRemaining() && !engine.isInboundDone()) {
                    SSLEngineResult r = engine.unwrap(netIn, appIn);
                    runTasks();
                    noteFinished(r.getHandshakeStatus());
                    if (r.bytesConsumed() > 0 || r.bytesProduced() > 0) {
                        progress = true;
                    }
                    if (r.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                        throw new SSLException("a TLS record larger than the application buffer");
                    }
                }
            } finally {
                netIn.compact();
            }
            if (appIn.position() > 0) {
                byte[] record = Arrays.copyOf(appIn.array(), appIn.position());
                appIn.clear();
                records.accept(record);
                progress = true;
            }
            if (wrapOnce()) {
                progress = true;
            }
            if (!handshakeDone && engine.getHandshakeStatus() == HandshakeStatus.NOT_HANDSHAKING && sessionEstablished()) {
                handshakeDone = true;
                progress = true;
            }
            if (!progress) {
                rest();
                return;
            }
        }
    }

    private boolean wrapOnce() throws SSLException {
        HandshakeStatus hs = engine.getHandshakeStatus();
        ByteBuffer src;
        if (hs == HandshakeStatus.NEED_WRAP) {
            src = ByteBuffer.allocate(0);
        } else if (handshakeDone && !pendingWrites.isEmpty() && hs == HandshakeStatus.NOT_HANDSHAKING) {
            src = ByteBuffer.wrap(pendingWrites.peek());
        } else {
            return false;
        }
        netOut.clear();
        SSLEngineResult r = engine.wrap(src, netOut);
        runTasks();
        noteFinished(r.getHandshakeStatus());
        if (src.capacity() > 0 && !src.hasRemaining()) {
            byte[] done = pendingWrites.poll();
            if (done != null) {
                Arrays.fill(done, (byte) 0);
            }
        }
        netOut.flip();
        int len = netOut.remaining();
        if (len > 0) {
            int written = channel.writeTls(netOut.array(), 0, len);
            if (written < len) {
                overflowed = true;
            }
        }
        return len > 0 || r.bytesConsumed() > 0;
    }

    /** Flushes whatever the engine has to say after a failure (its alert), best effort. */
    void flushAlert() {
        try {
            hold();
            engine.closeOutbound();
            for (int i = 0; i < 4; i++) {
                netOut.clear();
                SSLEngineResult r = engine.wrap(ByteBuffer.allocate(0), netOut);
                netOut.flip();
                if (netOut.remaining() == 0) {
                    return;
                }
                channel.writeTls(netOut.array(), 0, netOut.remaining());
                if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
                    return;
                }
            }
        } catch (SSLException | RuntimeException ignored) {
            // The engine is already failed; the alert is a courtesy.
        }
    }

    private void noteFinished(HandshakeStatus hs) {
        if (hs == HandshakeStatus.FINISHED) {
            handshakeDone = true;
        }
    }

    private boolean sessionEstablished() {
        String p = engine.getSession().getProtocol();
        return p != null && !p.equals("NONE") && !p.isEmpty();
    }

    private void runTasks() {
        for (Runnable task; (task = engine.getDelegatedTask()) != null; ) {
            task.run();
        }
    }

    /** Wipes what this pump buffered. */
    void wipe() {
        wipeBuffers();
        for (byte[] b : pendingWrites) {
            Arrays.fill(b, (byte) 0);
        }
        pendingWrites.clear();
    }

    /** The application buffer held key method 2's plaintext, keys included. */
    private void wipeBuffers() {
        if (appIn != null) {
            Arrays.fill(appIn.array(), (byte) 0);
            Arrays.fill(scratch, (byte) 0);
        }
    }
}

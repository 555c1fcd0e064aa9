package dev.culvert.vpn.inprocess;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A UDP stream with sequence numbers through an {@link InProcessTunnel}, both ways: the client's
 * host sends datagrams 0, 1, 2, ... into the client's TUN; the server's host reads each from the
 * server's TUN, checks it is the next one, and sends it straight back; the client's host checks
 * the echoes the same way. Each side counts what came out of order (a number below the one
 * expected: reordered or decrypted twice) and what went missing (a gap), and the server's host
 * records the longest time between two arrivals. At most {@link #WINDOW} datagrams are
 * unanswered at a time, so the stream is as fast as the tunnel and never overruns a queue.
 */
final class SequencedStream implements AutoCloseable {
    static final int WINDOW = 128;
    private static final long STALL_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    private static final int PORT = 5001;
    private static final int PAYLOAD = 64;

    private final InProcessTunnel tunnel;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong echoed = new AtomicLong();
    /** Written by the server's host thread only. */
    private volatile long arrived;
    private volatile long upOutOfOrder;
    private volatile long upMissing;
    private volatile long downOutOfOrder;
    private volatile long downMissing;
    private volatile long longestGapNanos;
    private volatile boolean stopping;
    /** Set once the stream has drained (or waited long enough): the hosts stop reading. */
    private volatile boolean done;
    private volatile Throwable failure;
    private final Thread[] threads;
    private final long startedNanos = System.nanoTime();

    SequencedStream(InProcessTunnel tunnel) {
        this.tunnel = tunnel;
        threads = new Thread[] {
            new Thread(guarded(this::send), "stream-client-send"),
            new Thread(guarded(this::serverHost), "stream-server-host"),
            new Thread(guarded(this::clientHost), "stream-client-receive"),
        };
        for (Thread t : threads) {
            t.setDaemon(true);
            t.start();
        }
    }

    private interface Loop {
        void run() throws Exception;
    }

    private Runnable guarded(Loop loop) {
        return () -> {
            try {
                loop.run();
            } catch (Throwable t) {
                failure = t;
            }
        };
    }

    private void send() {
        long seq = 0;
        long stalledSince = 0;
        while (!stopping) {
            if (seq - echoed.get() >= WINDOW) {
                // A whole window unanswered: something was lost. Send on after a while, so that
                // the loss shows as a gap in the numbers instead of a stalled stream.
                long now = System.nanoTime();
                if (stalledSince == 0) {
                    stalledSince = now;
                }
                if (now - stalledSince < STALL_NANOS) {
                    LockSupport.parkNanos(20_000);
                    continue;
                }
            }
            stalledSince = 0;
            byte[] datagram = datagram(InProcessTunnel.CLIENT_ADDRESS, InProcessTunnel.SERVER_ADDRESS, seq);
            while (!tunnel.clientTun.write(datagram)) {
                LockSupport.parkNanos(20_000); // the device's queue is full: the host waits, as a kernel would
            }
            sent.set(++seq);
        }
    }

    private void serverHost() throws InterruptedException {
        long expected = 0;
        long last = 0;
        while (!done) {
            byte[] p = tunnel.serverTun.read(100, TimeUnit.MILLISECONDS);
            if (p == null || !isOurs(p)) {
                continue;
            }
            long now = System.nanoTime();
            if (last != 0 && now - last > longestGapNanos) {
                longestGapNanos = now - last;
            }
            last = now;
            long seq = sequence(p);
            if (seq < expected) {
                upOutOfOrder++;
                continue;
            }
            upMissing += seq - expected;
            expected = seq + 1;
            arrived = expected;
            byte[] back = datagram(InProcessTunnel.SERVER_ADDRESS, InProcessTunnel.CLIENT_ADDRESS, seq);
            while (!tunnel.serverTun.write(back)) {
                LockSupport.parkNanos(20_000);
            }
        }
    }

    private void clientHost() throws InterruptedException {
        long expected = 0;
        while (!done) {
            byte[] p = tunnel.clientTun.read(100, TimeUnit.MILLISECONDS);
            if (p == null || !isOurs(p)) {
                continue;
            }
            long seq = sequence(p);
            if (seq < expected) {
                downOutOfOrder++;
                continue;
            }
            downMissing += seq - expected;
            expected = seq + 1;
            echoed.set(expected);
        }
    }

    /** Datagrams that reached the server's host so far. */
    long arrived() {
        return arrived;
    }

    /**
     * Stops sending and waits, at most {@code seconds}, until every datagram sent came back; what
     * has not come back by then was lost.
     */
    Result finish(int seconds) throws InterruptedException {
        stopping = true;
        threads[0].join(TimeUnit.SECONDS.toMillis(seconds));
        long elapsed = System.nanoTime() - startedNanos;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (echoed.get() < sent.get() && failure == null && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        done = true;
        boolean stuck = false;
        for (Thread t : threads) {
            t.join(TimeUnit.SECONDS.toMillis(seconds));
            stuck |= t.isAlive();
        }
        return new Result(sent.get(), arrived, echoed.get(), upOutOfOrder, upMissing, downOutOfOrder, downMissing,
                longestGapNanos, elapsed, stuck, failure);
    }

    @Override
    public void close() {
        stopping = true;
        for (Thread t : threads) {
            t.interrupt();
        }
    }

    /**
     * What the stream saw: datagrams sent, arrived at the server's host and echoed back (each the
     * count up to the highest number seen), out-of-order and missing per direction (missing
     * echoes include the echoes of datagrams missing on the way out), the longest time between
     * two arrivals at the server's host, and whether a host thread failed or would not stop.
     */
    record Result(long sent, long arrived, long echoed, long upOutOfOrder, long upMissing, long downOutOfOrder, long downMissing,
                  long longestGapNanos, long elapsedNanos, boolean stuck, Throwable failure) {
        /**
         * Round trips that did not complete: gaps among the echoes and echoes that never came.
         * Each is one datagram lost on the way out or its echo lost on the way back.
         */
        long roundTripsLost() {
            return downMissing + (sent - echoed);
        }

        double packetsPerSecondEachWay() {
            return sent * 1e9 / elapsedNanos;
        }

        @Override
        public String toString() {
            return String.format("sent=%d arrived=%d echoed=%d up: out-of-order=%d missing=%d down: out-of-order=%d missing=%d"
                    + " longest-gap=%.2f ms rate=%.0f packets/s each way%s%s", sent, arrived, echoed, upOutOfOrder, upMissing,
                    downOutOfOrder, downMissing, longestGapNanos / 1e6, packetsPerSecondEachWay(), stuck ? " STUCK" : "",
                    failure != null ? " failed: " + failure : "");
        }
    }

    /** An IPv4 UDP datagram to {@link #PORT} carrying {@code seq}; no UDP checksum (allowed over IPv4). */
    static byte[] datagram(int source, int destination, long seq) {
        int length = 20 + 8 + PAYLOAD;
        ByteBuffer b = ByteBuffer.allocate(length);
        b.put((byte) 0x45).put((byte) 0).putShort((short) length).putShort((short) 0).putShort((short) 0x4000)
                .put((byte) 64).put((byte) 17).putShort((short) 0).putInt(source).putInt(destination);
        b.putShort(10, (short) Ping.checksum(b.array(), 0, 20));
        b.putShort((short) PORT).putShort((short) PORT).putShort((short) (8 + PAYLOAD)).putShort((short) 0);
        b.putLong(seq);
        return b.array();
    }

    private static boolean isOurs(byte[] p) {
        return p.length >= 36 && (p[0] & 0xf0) == 0x40 && p[9] == 17 && ByteBuffer.wrap(p).getShort(22) == PORT;
    }

    private static long sequence(byte[] p) {
        return ByteBuffer.wrap(p).getLong(28);
    }
}

package dev.culvert.distribution;

import dev.culvert.testing.netns.NetnsHarness;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A steady UDP stream with sequence numbers through a tunnel between two namespaces: a sender in
 * one sends datagram 0, 1, 2, ... on a fixed schedule ({@code rate} a second, catching up in a
 * burst when it fell behind), a receiver in the other records when each arrived. At most
 * {@link #WINDOW} datagrams are in flight: a tunnel that cannot keep up slows the stream down
 * instead of overflowing a kernel queue in front of it (whose drops would not be the tunnel's);
 * when nothing arrives for {@link #STALL_NANOS} the sender goes on, so a loss shows as a gap. Both sockets are
 * opened inside their namespaces (a thread that entered it with setns) and used from this JVM's
 * threads. A {@link Span} of sequence numbers then says what was lost, reordered or received
 * twice, and the longest time between two arrivals.
 */
final class SequencedUdpStream implements AutoCloseable {
    static final int PAYLOAD = 64;
    /** Datagrams in flight at most: less than the tunnel's TUN queue, which the test lengthens to hold more. */
    static final int WINDOW = 4_000;
    static final long STALL_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    /** The most datagrams one stream sends: 2^22 is 200 s at 20,000 a second (32 MiB of arrival times). */
    static final int CAPACITY = 1 << 22;

    private final DatagramChannel sender;
    private final DatagramChannel receiver;
    private final InetSocketAddress target;
    private final long periodNanos;
    /** Arrival time of each sequence number, 0 if none came; written by the receiving thread only. */
    private final long[] arrivals = new long[CAPACITY];
    private final List<Long> duplicates = new ArrayList<>();
    private final List<Long> reordered = new ArrayList<>();
    private final Thread sending;
    private final Thread receiving;
    private volatile long sent;
    private volatile long received;
    private volatile boolean stopping;
    private volatile Throwable failure;
    private long highest = -1;

    /**
     * Starts a stream from {@code senderNs} to {@code address:port}, where a receiver bound in
     * {@code receiverNs} listens, at {@code rate} datagrams a second.
     */
    SequencedUdpStream(NetnsHarness net, String senderNs, String receiverNs, String address, int port, int rate) throws Exception {
        this.receiver = net.inNamespace(receiverNs, () -> {
            DatagramChannel ch = DatagramChannel.open();
            ch.setOption(StandardSocketOptions.SO_RCVBUF, 8 << 20);
            return ch.bind(new InetSocketAddress(address, port));
        });
        this.sender = net.inNamespace(senderNs, () -> DatagramChannel.open().bind(null));
        this.target = new InetSocketAddress(address, port);
        this.periodNanos = TimeUnit.SECONDS.toNanos(1) / rate;
        receiving = new Thread(this::receive, "stream-receive");
        sending = new Thread(this::send, "stream-send");
        receiving.setDaemon(true);
        sending.setDaemon(true);
        receiving.start();
        sending.start();
    }

    private void send() {
        ByteBuffer buf = ByteBuffer.allocate(PAYLOAD);
        long start = System.nanoTime();
        long seq = 0;
        try {
            long lastProgress = System.nanoTime();
            long lastReceived = 0;
            while (!stopping && seq < CAPACITY) {
                long now = System.nanoTime();
                if (received != lastReceived) {
                    lastReceived = received;
                    lastProgress = now;
                }
                boolean stalled = now - lastProgress > STALL_NANOS;
                long due = Math.min(CAPACITY, (now - start) / periodNanos + 1);
                for (; seq < due && !stopping && (seq - received < WINDOW || stalled); seq++) {
                    buf.clear();
                    buf.putLong(0, seq);
                    sender.send(buf, target);
                    sent = seq + 1;
                }
                LockSupport.parkNanos(200_000);
            }
        } catch (IOException | RuntimeException e) {
            failure = e;
        }
    }

    private void receive() {
        ByteBuffer buf = ByteBuffer.allocate(2048);
        try {
            while (true) {
                buf.clear();
                receiver.receive(buf);
                long now = System.nanoTime();
                if (buf.position() < Long.BYTES) {
                    continue;
                }
                long seq = buf.getLong(0);
                if (seq < 0 || seq >= CAPACITY) {
                    continue;
                }
                synchronized (this) {
                    if (arrivals[(int) seq] != 0) {
                        duplicates.add(seq);
                        continue;
                    }
                    arrivals[(int) seq] = now;
                    if (seq < highest) {
                        reordered.add(seq);
                    }
                    highest = Math.max(highest, seq);
                    received++;
                }
            }
        } catch (ClosedChannelException closed) {
            // close() ends the stream
        } catch (IOException | RuntimeException e) {
            failure = e;
        }
    }

    /** How many datagrams went out so far: the next sequence number. */
    long sent() {
        return sent;
    }

    /** How many distinct datagrams arrived so far. */
    long received() {
        return received;
    }

    /** Stops sending and waits (10 s at most) until everything sent arrived or nothing more comes for 2 s. */
    void stopAndDrain() throws InterruptedException {
        stopping = true;
        sending.join(TimeUnit.SECONDS.toMillis(10));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        long last = -1;
        long quietSince = System.nanoTime();
        while (received < sent && System.nanoTime() < deadline && System.nanoTime() - quietSince < TimeUnit.SECONDS.toNanos(2)) {
            if (received != last) {
                last = received;
                quietSince = System.nanoTime();
            }
            Thread.sleep(20);
        }
        if (failure != null) {
            throw new AssertionError("the stream failed", failure);
        }
    }

    /** What happened to the datagrams {@code from} (inclusive) to {@code to} (exclusive). */
    synchronized Span span(long from, long to) {
        long lost = 0;
        long longestGap = 0;
        long previous = 0;
        for (long s = from; s < to; s++) {
            long at = arrivals[(int) s];
            if (at == 0) {
                lost++;
                continue;
            }
            if (previous != 0) {
                longestGap = Math.max(longestGap, at - previous);
            }
            previous = at;
        }
        return new Span(from, to, lost, reordered.stream().filter(s -> s >= from && s < to).count(),
                duplicates.stream().filter(s -> s >= from && s < to).count(), longestGap);
    }

    /** The first {@code max} runs of lost datagrams from {@code from} to {@code to}, as "first+count" each, with when the run began (ms after the stream started). */
    synchronized List<String> lossRuns(long from, long to, int max) {
        List<String> runs = new ArrayList<>();
        long first = -1;
        for (long s = from; s <= to && runs.size() < max; s++) {
            boolean lost = s < to && arrivals[(int) s] == 0;
            if (lost && first < 0) {
                first = s;
            } else if (!lost && first >= 0) {
                runs.add(first + "+" + (s - first) + "@" + (first * periodNanos / 1_000_000) + "ms");
                first = -1;
            }
        }
        return runs;
    }

    @Override
    public void close() throws IOException {
        stopping = true;
        sender.close();
        receiver.close();
    }

    /** A stretch of the stream: datagrams {@code from} to {@code to}, and what happened to them. */
    record Span(long from, long to, long lost, long reordered, long duplicates, long longestGapNanos) {
        long count() {
            return to - from;
        }

        @Override
        public String toString() {
            return String.format("datagrams %d..%d (%d): lost=%d reordered=%d duplicates=%d, longest gap between arrivals %.1f ms",
                    from, to - 1, count(), lost, reordered, duplicates, longestGapNanos / 1e6);
        }
    }

    /** Waits (30 s at most) until {@code count} datagrams arrived. */
    void awaitReceived(long count) throws InterruptedException {
        if (count > CAPACITY) {
            // The sender stops at the capacity: a test that ran this long on a slow machine says so instead of waiting in vain.
            throw new AssertionError("the stream's " + CAPACITY + " datagrams are all sent (" + CAPACITY * periodNanos / 1_000_000_000L
                    + " s at its rate); the test ran longer than its stream can follow");
        }
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        while (received() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + received() + " of " + sent() + " datagrams arrived within 30 s, " + count + " expected");
            }
            Thread.sleep(20);
        }
    }
}

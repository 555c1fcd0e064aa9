package dev.culvert.vpn.loadgen;

import dev.culvert.core.packet.PacketPool;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Iterator;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * One selector thread serving a share of the clients: it reads their sockets, runs their timers
 * from one queue ordered by due time, and runs tasks handed in from other threads. Between a
 * client's timers and datagrams nothing runs for it: the thread sleeps in {@link Selector#select}
 * until the earliest timer of all its clients. Everything a client does happens on its loop.
 */
final class EventLoop implements Runnable {
    /** One armed timer; stale once its client was re-armed for an earlier time. */
    private record Timer(long atNanos, LoadClient client) {
    }

    private static final int DATAGRAM_MAX = 4096;

    private final Selector selector;
    private final PriorityQueue<Timer> timers = new PriorityQueue<>((a, b) -> Long.compare(a.atNanos - b.atNanos, 0));
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final ByteBuffer datagram = ByteBuffer.allocate(DATAGRAM_MAX);
    private final PacketPool packets;
    private volatile boolean running = true;

    EventLoop(String name) throws IOException {
        this.selector = Selector.open();
        this.packets = new PacketPool("loadgen-" + name, 16);
    }

    Selector selector() {
        return selector;
    }

    PacketPool packets() {
        return packets;
    }

    /** Runs {@code task} on this loop's thread, soon. */
    void execute(Runnable task) {
        tasks.add(task);
        selector.wakeup();
    }

    /** Loop thread only: {@code client}'s timer is due at {@code atNanos} (an earlier arming of it still stands). */
    void arm(LoadClient client, long atNanos) {
        if (client.armedAt == LoadClient.UNARMED || atNanos - client.armedAt < 0) {
            client.armedAt = atNanos;
            timers.add(new Timer(atNanos, client));
        }
    }

    void stop() {
        running = false;
        selector.wakeup();
    }

    @Override
    public void run() {
        try {
            while (running) {
                for (Runnable task; (task = tasks.poll()) != null; ) {
                    task.run();
                }
                long now = System.nanoTime();
                fireDue(now);
                Timer next = timers.peek();
                long waitMillis = next == null ? 1_000 : Math.max(1, (next.atNanos - now + 999_999) / 1_000_000);
                if (!tasks.isEmpty()) {
                    selector.selectNow();
                } else {
                    selector.select(waitMillis);
                }
                readReady();
            }
        } catch (IOException e) {
            throw new IllegalStateException("the load generator's selector failed", e);
        } finally {
            for (SelectionKey key : selector.keys()) {
                ((LoadClient) key.attachment()).closeQuietly();
            }
            try {
                selector.close();
            } catch (IOException e) {
                // closing at the end of the run; nothing left to tell
            }
        }
    }

    private void fireDue(long now) {
        for (Timer t; (t = timers.peek()) != null && t.atNanos - now <= 0; ) {
            timers.poll();
            LoadClient c = t.client;
            if (c.armedAt == t.atNanos) {
                c.armedAt = LoadClient.UNARMED;
                c.timer(now);
            }
        }
    }

    private void readReady() {
        Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
        while (keys.hasNext()) {
            SelectionKey key = keys.next();
            keys.remove();
            if (key.isValid()) {
                ((LoadClient) key.attachment()).readable(datagram, System.nanoTime());
            }
        }
    }
}

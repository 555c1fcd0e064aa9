package dev.culvert.testing.netns;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * A load generator for the benchmark: {@code --threads} senders, each from its own source port
 * (so a multi-queue TUN device spreads them over its queues), send {@code --size}-byte UDP
 * payloads to {@code --to} as fast as they can for {@code --seconds}, then print what they sent.
 */
public final class UdpFlood {
    private UdpFlood() {
    }

    public static void main(String[] args) throws Exception {
        InetSocketAddress to = null;
        int threads = 4;
        int size = 1372;
        int seconds = 10;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--to" -> to = PassThroughNode.address(args[i + 1]);
                case "--threads" -> threads = Integer.parseInt(args[i + 1]);
                case "--size" -> size = Integer.parseInt(args[i + 1]);
                case "--seconds" -> seconds = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (to == null) {
            throw new IllegalArgumentException("--to IP:PORT is required");
        }
        LongAdder sent = new LongAdder();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        Thread[] senders = new Thread[threads];
        final InetSocketAddress target = to;
        final int payload = size;
        for (int t = 0; t < threads; t++) {
            senders[t] = new Thread(() -> {
                try (DatagramChannel channel = DatagramChannel.open()) {
                    channel.connect(target);
                    ByteBuffer buffer = ByteBuffer.allocateDirect(payload);
                    long local = 0;
                    while ((local & 255) != 0 || System.nanoTime() < end) {
                        buffer.clear();
                        try {
                            channel.write(buffer);
                            local++;
                        } catch (java.io.IOException refused) {
                            // an ICMP error from an earlier datagram; keep sending
                        }
                    }
                    sent.add(local);
                } catch (Exception e) {
                    e.printStackTrace();
                }
            }, "flood-" + t);
            senders[t].start();
        }
        for (Thread s : senders) {
            s.join();
        }
        System.out.println("FLOOD sent=" + sent.sum() + " seconds=" + seconds + " size=" + size + " threads=" + threads);
    }
}

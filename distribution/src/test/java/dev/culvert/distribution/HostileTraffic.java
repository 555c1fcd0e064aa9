package dev.culvert.distribution;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * What a stranger on the network throws at a server, one attack per run; each prints one line
 * saying what it did when it is done. Run in a test's own namespace only.
 *
 * <ul>
 * <li>{@code datagrams HOST PORT SOURCES}: from each of {@code SOURCES} source ports (a few hundred
 *     open at a time), one empty datagram and one of random bytes, some shaped as P_DATA_V2 with a
 *     random peer id. Prints {@code datagrams sent N from M ports}.</li>
 * <li>{@code connections HOST PORT COUNT SECONDS}: opens {@code COUNT} TCP connections, every other
 *     one sending half a frame (a length of 100, then 10 bytes) and the rest nothing, and waits up
 *     to {@code SECONDS} for the server to close each. Prints {@code connections opened N, closed by
 *     the server M}.</li>
 * <li>{@code relay LISTEN_PORT HOST PORT PACKETS}: a UDP relay on 127.0.0.1 for one client, which
 *     keeps a copy of the client's first {@code PACKETS} data packets and then sends each copy
 *     again three times from the client's own relayed address and once from each of 20 other
 *     ports. Prints {@code replayed N from the client's address, M from other ports}, then
 *     relays on until killed.</li>
 * <li>{@code nat LISTEN_PORT HOST PORT SECONDS}: not an attack but a NAT that rebinds: a UDP relay
 *     on 127.0.0.1 for one client that moves to a new source port every {@code SECONDS}, as a home
 *     router's mapping does when it expires. Prints {@code nat ready on N}, then {@code rebound to
 *     port P} at each move, until killed.</li>
 * </ul>
 */
public final class HostileTraffic {
    private static final int OPEN_AT_ONCE = 256;
    private static final int P_DATA_V1 = 6;
    private static final int P_DATA_V2 = 9;

    private HostileTraffic() {
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "datagrams" -> datagrams(new InetSocketAddress(args[1], Integer.parseInt(args[2])), Integer.parseInt(args[3]));
            case "connections" -> connections(new InetSocketAddress(args[1], Integer.parseInt(args[2])), Integer.parseInt(args[3]),
                    Integer.parseInt(args[4]));
            case "relay" -> relay(Integer.parseInt(args[1]), new InetSocketAddress(args[2], Integer.parseInt(args[3])),
                    Integer.parseInt(args[4]));
            case "nat" -> nat(Integer.parseInt(args[1]), new InetSocketAddress(args[2], Integer.parseInt(args[3])),
                    Integer.parseInt(args[4]));
            default -> throw new IllegalArgumentException("no attack " + args[0]);
        }
    }

    private static void datagrams(InetSocketAddress server, int sources) throws IOException, InterruptedException {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        ArrayDeque<DatagramChannel> open = new ArrayDeque<>();
        java.util.Set<Integer> ports = new java.util.HashSet<>();
        int sent = 0;
        try {
            for (int i = 0; i < sources; i++) {
                DatagramChannel c = DatagramChannel.open();
                c.bind(new InetSocketAddress(0));
                ports.add(((InetSocketAddress) c.getLocalAddress()).getPort());
                open.add(c);
                c.send(ByteBuffer.allocate(0), server);
                byte[] garbage = new byte[1 + random.nextInt(200)];
                random.nextBytes(garbage);
                if (i % 2 == 0 && garbage.length > 4) {
                    garbage[0] = (byte) (P_DATA_V2 << 3); // key id 0, a random peer id after it
                }
                c.send(ByteBuffer.wrap(garbage), server);
                sent += 2;
                if (open.size() == OPEN_AT_ONCE) {
                    open.poll().close(); // a new socket gets another port; the server has seen this one
                }
                if (i % 256 == 255) {
                    Thread.sleep(1); // bursts: the test is about the server's state, not its socket buffer
                }
            }
        } finally {
            for (DatagramChannel c : open) {
                c.close();
            }
        }
        System.out.println("datagrams sent " + sent + " from " + ports.size() + " ports");
    }

    private static void connections(InetSocketAddress server, int count, int seconds) throws IOException {
        List<Socket> sockets = new ArrayList<>();
        int closed = 0;
        try {
            for (int i = 0; i < count; i++) {
                Socket s = new Socket();
                sockets.add(s);
                s.connect(server, 5_000);
                if (i % 2 == 1) {
                    s.getOutputStream().write(new byte[] {0, 100, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
                }
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            for (Socket s : sockets) {
                if (closedByServer(s, deadline)) {
                    closed++;
                }
            }
        } finally {
            for (Socket s : sockets) {
                s.close();
            }
        }
        System.out.println("connections opened " + sockets.size() + ", closed by the server " + closed);
    }

    /** Waits until the server closes or resets the connection, or the deadline passes. */
    private static boolean closedByServer(Socket s, long deadline) {
        try {
            InputStream in = s.getInputStream();
            while (true) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    return false;
                }
                s.setSoTimeout((int) Math.min(left, Integer.MAX_VALUE));
                try {
                    if (in.read() < 0) {
                        return true;
                    }
                } catch (SocketTimeoutException e) {
                    return false;
                }
            }
        } catch (IOException e) {
            return true; // reset by the server
        }
    }

    private static void relay(int listenPort, InetSocketAddress server, int packets) throws IOException {
        try (DatagramChannel front = DatagramChannel.open(); DatagramChannel back = DatagramChannel.open();
             java.nio.channels.Selector selector = java.nio.channels.Selector.open()) {
            front.bind(new InetSocketAddress("127.0.0.1", listenPort));
            back.bind(new InetSocketAddress(0));
            front.configureBlocking(false).register(selector, java.nio.channels.SelectionKey.OP_READ);
            back.configureBlocking(false).register(selector, java.nio.channels.SelectionKey.OP_READ);
            System.out.println("relay ready on " + listenPort);
            ByteBuffer buf = ByteBuffer.allocate(65_536);
            InetSocketAddress client = null;
            List<byte[]> captured = new ArrayList<>();
            boolean replayed = false;
            while (true) {
                selector.select();
                selector.selectedKeys().clear();
                InetSocketAddress from;
                while ((from = receive(front, buf)) != null) {
                    client = from;
                    int opcode = buf.remaining() > 0 ? (buf.get(0) & 0xff) >>> 3 : -1;
                    if ((opcode == P_DATA_V2 || opcode == P_DATA_V1) && captured.size() < packets) {
                        byte[] copy = new byte[buf.remaining()];
                        buf.duplicate().get(copy);
                        captured.add(copy);
                    }
                    back.send(buf, server);
                }
                while (receive(back, buf) != null) {
                    if (client != null) {
                        front.send(buf, client);
                    }
                }
                if (!replayed && captured.size() == packets) {
                    replayed = true;
                    replay(captured, back, server);
                }
            }
        }
    }

    private static void nat(int listenPort, InetSocketAddress server, int seconds) throws IOException {
        try (DatagramChannel front = DatagramChannel.open(); java.nio.channels.Selector selector = java.nio.channels.Selector.open()) {
            front.bind(new InetSocketAddress("127.0.0.1", listenPort));
            front.configureBlocking(false).register(selector, java.nio.channels.SelectionKey.OP_READ);
            DatagramChannel back = outside(selector);
            System.out.println("nat ready on " + listenPort);
            ByteBuffer buf = ByteBuffer.allocate(65_536);
            InetSocketAddress client = null;
            long nextMove = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(seconds);
            while (true) {
                selector.select(100);
                selector.selectedKeys().clear();
                if (System.nanoTime() >= nextMove) {
                    back.close(); // the old mapping is gone: the server's answers to it are lost, as behind a real NAT
                    back = outside(selector);
                    System.out.println("rebound to port " + ((InetSocketAddress) back.getLocalAddress()).getPort());
                    nextMove += java.util.concurrent.TimeUnit.SECONDS.toNanos(seconds);
                }
                InetSocketAddress from;
                while ((from = receive(front, buf)) != null) {
                    client = from;
                    back.send(buf, server);
                }
                while (receive(back, buf) != null) {
                    if (client != null) {
                        front.send(buf, client);
                    }
                }
            }
        }
    }

    private static DatagramChannel outside(java.nio.channels.Selector selector) throws IOException {
        DatagramChannel channel = DatagramChannel.open();
        channel.bind(new InetSocketAddress(0));
        channel.configureBlocking(false).register(selector, java.nio.channels.SelectionKey.OP_READ);
        return channel;
    }

    private static InetSocketAddress receive(DatagramChannel channel, ByteBuffer buf) throws IOException {
        buf.clear();
        InetSocketAddress from = (InetSocketAddress) channel.receive(buf);
        buf.flip();
        return from;
    }

    private static void replay(List<byte[]> captured, DatagramChannel own, InetSocketAddress server) throws IOException {
        int fromClient = 0;
        int fromOthers = 0;
        for (int round = 0; round < 3; round++) {
            for (byte[] p : captured) {
                own.send(ByteBuffer.wrap(p), server);
                fromClient++;
            }
        }
        for (int i = 0; i < 20; i++) {
            try (DatagramChannel other = DatagramChannel.open()) {
                other.bind(new InetSocketAddress(0));
                for (byte[] p : captured) {
                    other.send(ByteBuffer.wrap(p), server);
                    fromOthers++;
                }
            }
        }
        System.out.println("replayed " + fromClient + " from the client's address, " + fromOthers + " from other ports");
    }
}

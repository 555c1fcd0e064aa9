import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.SplittableRandom;
import java.util.concurrent.locks.LockSupport;

/**
 * Strangers for the soak: datagrams to a server from a new source port each time, at a fixed
 * rate, for a bounded time. What it sends, in turn: an empty datagram, garbage of a random
 * length, and something shaped like a client's hard reset (opcode 7, key id 0) whose body is
 * random, as a tls-crypt reset from someone without the key would be. None of it can pass the
 * server's pre-authentication gate; the soak checks that none of it stays in the server.
 *
 * <p>Run with the JDK's source launcher: {@code java StrangerFlood.java HOST PORT PER_SECOND SECONDS}.
 * It prints how many datagrams it sent and from how many source ports.
 */
public final class StrangerFlood {
    private static final int HARD_RESET_CLIENT_V2 = 7;

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: java StrangerFlood.java HOST PORT PER_SECOND SECONDS");
            System.exit(2);
        }
        InetSocketAddress server = new InetSocketAddress(args[0], Integer.parseInt(args[1]));
        int perSecond = Integer.parseInt(args[2]);
        long seconds = Long.parseLong(args[3]);
        if (perSecond < 1 || perSecond > 100_000 || seconds < 1 || seconds > 86_400) {
            System.err.println("StrangerFlood: PER_SECOND 1..100000, SECONDS 1..86400");
            System.exit(2);
        }
        SplittableRandom random = new SplittableRandom();
        long gapNanos = 1_000_000_000L / perSecond;
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        long sent = 0;
        long failed = 0;
        long next = start;
        while (next < end) {
            byte[] payload = switch ((int) (sent % 3)) {
                case 0 -> new byte[0];
                case 1 -> randomBytes(random, 1 + random.nextInt(1400));
                default -> hardResetShaped(random);
            };
            // A new socket per datagram: a new source port each time, as a flood of strangers looks.
            try (DatagramSocket socket = new DatagramSocket()) {
                socket.send(new DatagramPacket(payload, payload.length, server));
                sent++;
            } catch (java.io.IOException e) {
                failed++;
            }
            next += gapNanos;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
        }
        System.out.println("StrangerFlood: sent " + sent + " datagrams from as many source ports, " + failed + " failed to send");
    }

    private static byte[] randomBytes(SplittableRandom random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] hardResetShaped(SplittableRandom random) {
        byte[] bytes = randomBytes(random, 14 + 16 + 32 + 24);
        bytes[0] = (byte) (HARD_RESET_CLIENT_V2 << 3);
        return bytes;
    }
}

package dev.culvert.distribution;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Floods a server with OpenVPN packets from many source ports, as a spoofing attacker would from
 * many addresses: plain P_CONTROL_HARD_RESET_CLIENT_V2 resets (valid without tls-auth/tls-crypt,
 * so each is answered), and P_CONTROL_V1 packets whose cookie is forged. Prints
 * {@code flood sent N} when done. Run in a test's own namespace only.
 *
 * <p>Arguments: host port packets sourcePorts
 */
public final class ResetFlood {
    private ResetFlood() {
    }

    public static void main(String[] args) throws Exception {
        InetSocketAddress server = new InetSocketAddress(args[0], Integer.parseInt(args[1]));
        int packets = Integer.parseInt(args[2]);
        int sources = Integer.parseInt(args[3]);
        List<DatagramChannel> channels = new ArrayList<>();
        try {
            for (int i = 0; i < sources; i++) {
                DatagramChannel c = DatagramChannel.open();
                c.bind(new InetSocketAddress(0));
                channels.add(c);
            }
            ThreadLocalRandom random = ThreadLocalRandom.current();
            ByteBuffer packet = ByteBuffer.allocate(64);
            int sent = 0;
            for (int i = 0; i < packets; i++) {
                packet.clear();
                if (i % 2 == 0) {
                    packet.put((byte) (7 << 3)).putLong(random.nextLong() | 1).put((byte) 0).putInt(0); // reset, msg id 0
                } else {
                    // P_CONTROL_V1 msg id 1 that acknowledges a reset with a made-up server session id
                    packet.put((byte) (4 << 3)).putLong(random.nextLong() | 1).put((byte) 1).putInt(0).putLong(random.nextLong() | 1)
                            .putInt(1).put(new byte[16]);
                }
                packet.flip();
                channels.get(i % sources).send(packet, server);
                sent++;
                if (i % 512 == 511) {
                    Thread.sleep(1); // a burst per millisecond: the test is about state, not the socket buffer
                }
            }
            System.out.println("flood sent " + sent);
        } finally {
            for (DatagramChannel c : channels) {
                c.close();
            }
        }
    }
}

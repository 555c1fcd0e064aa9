package dev.culvert.core.embed;

import java.util.List;
import java.util.Random;

/**
 * What a {@link LoopbackTrial} sends. {@link #UDP} is one UDP flow, the trial as it always was;
 * {@link #MIXED} takes turns between four flows (UDP to port 1234, TCP to port 25, TCP to port 80,
 * UDP to port 25), so that a feature that drops some of them (a filter) shows in the counts of
 * each flow as exactly what it dropped. Every packet carries its sequence number right after its
 * transport header, and its bytes depend only on that number, so the receiver can rebuild it.
 */
public enum TrialTraffic {
    UDP(List.of("udp/1234")),
    MIXED(List.of("udp/1234", "tcp/25", "tcp/80", "udp/25"));

    private static final int TCP = 6;
    private static final int[] MIXED_PORTS = {1234, 25, 80, 25};

    private final List<String> flows;

    TrialTraffic(List<String> flows) {
        this.flows = flows;
    }

    /** The flows' names ({@code tcp/25}), indexed as {@link #flowOf} answers. */
    public List<String> flows() {
        return flows;
    }

    /** The flow packet {@code seq} belongs to. */
    int flowOf(long seq) {
        return (int) (seq % flows.size());
    }

    /** Writes packet {@code seq} into {@code buf} and returns its length. */
    int write(byte[] buf, long seq) {
        int flow = flowOf(seq);
        if (this == UDP) {
            return LoopbackTrial.datagram(buf, seq);
        }
        if (flows.get(flow).startsWith("udp/")) {
            int len = LoopbackTrial.datagram(buf, seq);
            buf[22] = (byte) (MIXED_PORTS[flow] >>> 8);
            buf[23] = (byte) MIXED_PORTS[flow];
            return len;
        }
        return segment(buf, seq, MIXED_PORTS[flow]);
    }

    /** The sequence number of a packet this traffic wrote. */
    static long sequenceOf(byte[] packet) {
        int at = (packet[9] & 0xff) == TCP ? 40 : 28;
        long seq = 0;
        for (int i = 0; i < 8; i++) {
            seq = (seq << 8) | (packet[at + i] & 0xff);
        }
        return seq;
    }

    /** An IPv4/TCP segment (PSH|ACK, no options) from port 50000 to {@code port} carrying {@code seq}. */
    private static int segment(byte[] buf, long seq, int port) {
        Random r = new Random(20261202L * 31 + seq);
        int payload = 8 + r.nextInt(1000);
        int total = 20 + 20 + payload;
        TrialHeader.write(buf, total, seq, TCP);
        buf[20] = (byte) 0xC3;
        buf[21] = 0x50;
        buf[22] = (byte) (port >>> 8);
        buf[23] = (byte) port;
        TrialHeader.putInt(buf, 24, (int) seq);
        buf[32] = 0x50;
        buf[33] = 0x18;
        buf[34] = (byte) 0xFF;
        buf[35] = (byte) 0xFF;
        for (int i = 0; i < 8; i++) {
            buf[40 + i] = (byte) (seq >>> (56 - 8 * i));
        }
        for (int i = 8; i < payload; i++) {
            buf[40 + i] = (byte) ('a' + (i % 26));
        }
        return total;
    }
}

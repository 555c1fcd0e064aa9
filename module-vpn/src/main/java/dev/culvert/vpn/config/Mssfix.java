package dev.culvert.vpn.config;

import dev.culvert.core.config.Config;
import dev.culvert.spi.config.Directive;
import dev.culvert.vpn.fragment.FragmentHeader;
import dev.culvert.vpn.fragment.FragmentSize;
import java.util.Optional;

/**
 * OpenVPN 2.6's {@code mssfix}, and the TCP MSS clamp it gives for a tunnel. Module-ipv4 checks
 * the line's syntax; this is what it means (2.6's options.c and mss.c):
 *
 * <ul>
 *   <li>no {@code mssfix} line, or a bare {@code mssfix}: the {@code fragment} size counted as
 *       {@code mtu} when there is a {@code fragment} line (whatever that line's own flag),
 *       otherwise {@code 1492 mtu} when {@code tun-mtu} is 1500, else {@code tun-mtu fixed};</li>
 *   <li>{@code mssfix 0}: no clamping;</li>
 *   <li>{@code mssfix N}: N counts the encapsulated packet without its outer IP and UDP/TCP
 *       headers (as {@code link-mtu} does);</li>
 *   <li>{@code mssfix N mtu}: N counts the whole outer packet, IP and UDP/TCP headers included;</li>
 *   <li>{@code mssfix N fixed}: N counts the inner IP packet, so the MSS is N - 40.</li>
 * </ul>
 *
 * <p>The clamp is in IPv4 terms (N less the inner IPv4 and TCP headers), as
 * {@link dev.culvert.spi.l3.L3Policy#mssClamp()} takes it; an IPv6 SYN is clamped 20 lower.
 *
 * <p>A node that may settle on an AES-CBC cipher clamps for the larger of the two data-channel
 * overheads, since its clamp is set before the cipher is negotiated. With CBC, 2.6 counts the
 * header, IV and HMAC outside the payload and the packet id inside it, and keeps the ciphertext
 * within the target by rounding it down to whole blocks less the one byte padding always takes
 * (mss.c {@code frame_calculate_mssfix}, {@code adjust_payload_max_cbc}).
 *
 * <p>Under {@code fragment}, the 4-byte fragment header travels inside the encryption, so 2.6
 * counts it with the inner headers, after the CBC rounding ({@code frame_calculate_payload_overhead}).
 *
 * @param max      the size in bytes that encapsulated packets must not exceed, counted as {@code counting} says
 * @param counting how {@code max} is counted
 * @param cbcHmac  the HMAC length of a CBC cipher the node may use, or {@link #NO_CBC}
 * @param fragment whether every payload carries the fragment header (there is a {@code fragment} line)
 */
public record Mssfix(int max, Counting counting, int cbcHmac, boolean fragment) {
    /** 2.6's {@code MSSFIX_DEFAULT}, counted as {@link Counting#MTU}. */
    public static final int DEFAULT_MAX = 1492;
    /** Bytes the data channel adds to each packet: P_DATA_V2 opcode and peer id (4), packet id (4), AEAD tag (16). */
    static final int DATA_CHANNEL_OVERHEAD = 4 + 4 + 16;
    /** {@link #cbcHmac} of a node that uses AEAD ciphers only. */
    public static final int NO_CBC = -1;
    /** With CBC, the header (P_DATA_V2's 4 bytes) and the IV go in front of the ciphertext, the HMAC in front of them. */
    static final int CBC_HEADER_AND_IV = 4 + 16;
    /** With CBC, the packet id travels encrypted, inside the padded payload. */
    static final int CBC_PACKET_ID = 4;
    static final int CBC_BLOCK = 16;
    /** The length prefix of each packet on a TCP connection. */
    static final int TCP_FRAME_PREFIX = 2;
    /** The inner IPv4 and TCP headers, without options, that an MSS does not count. */
    static final int INNER_HEADERS = 20 + 20;
    /** A v1 compression framing ({@code compress lz4}, {@code compress stub}, {@code comp-lzo}) adds one byte to every packet. */
    static final int V1_FRAMING_BYTE = 1;

    /** How {@link #max} is counted. */
    public enum Counting {
        /** {@code mssfix 0}: no clamping. */
        OFF,
        /** {@code mssfix N}: the encapsulated packet without its outer IP and UDP/TCP headers. */
        LINK,
        /** {@code mssfix N mtu}: the whole outer packet. */
        MTU,
        /** {@code mssfix N fixed}: the inner IP packet. */
        FIXED
    }

    /** No clamping. */
    public static final Mssfix OFF = new Mssfix(0, Counting.OFF);

    /** A clamp for a node with AEAD ciphers only and no {@code fragment}. */
    public Mssfix(int max, Counting counting) {
        this(max, counting, NO_CBC, false);
    }

    /** The same clamp for a node whose data channel reads {@code data}: with room for CBC if it may use it. */
    Mssfix withData(DataCipherConfig data) {
        return new Mssfix(max, counting, data.cbcHmacLength(), fragment);
    }

    /** The configuration's {@code mssfix} (its last line), for a tunnel of {@code tunMtu}; its syntax is already checked. */
    public static Mssfix from(Config config, int tunMtu) {
        Optional<Directive> line = config.last("mssfix");
        Optional<FragmentSize> fragment = FragmentLine.from(config);
        boolean fragmented = fragment.isPresent();
        if (line.isEmpty() || line.get().args().isEmpty()) {
            if (fragmented) {
                // 2.6 (options.c, the mssfix_default branch): mssfix takes the fragment size and keeps
                // the 'mtu' counting its defaults start with; fragment's own 'mtu' flag plays no part.
                return new Mssfix(fragment.get().max(), Counting.MTU, NO_CBC, true);
            }
            return byDefault(tunMtu);
        }
        int max = Integer.parseInt(line.get().args().get(0));
        if (max == 0) {
            return OFF;
        }
        if (line.get().args().size() == 1) {
            return new Mssfix(max, Counting.LINK, NO_CBC, fragmented);
        }
        boolean fixed = line.get().args().get(1).equals("fixed");
        // 'fixed' counts the inner packet alone: 2.6 returns before it counts any overhead, the fragment header's too.
        return new Mssfix(max, fixed ? Counting.FIXED : Counting.MTU, NO_CBC, fragmented && !fixed);
    }

    /**
     * 2.6 clamps by default: to fit a 1492-byte outer packet with the default tun-mtu, and to the
     * tun-mtu otherwise (a tunnel MTU chosen by hand already keeps packets small enough).
     */
    public static Mssfix byDefault(int tunMtu) {
        return tunMtu == TunDevice.DEFAULT_MTU ? new Mssfix(DEFAULT_MAX, Counting.MTU) : new Mssfix(tunMtu, Counting.FIXED);
    }

    /**
     * The largest MSS a SYN may carry (IPv4 terms), 0 for no clamping, for packets sent over an
     * outer IPv6 or IPv4 packet, by UDP or TCP, with or without a v1 compression framing byte.
     * Never below 1 when clamping is on: a {@code max} too small for the overhead clamps as hard as
     * it can rather than turning clamping off.
     */
    public int clamp(boolean outerIpv6, boolean tcp, boolean v1Framing) {
        int mss = switch (counting) {
            case OFF -> 0;
            case FIXED -> max - INNER_HEADERS;
            case LINK, MTU -> {
                int outer = (tcp ? TCP_FRAME_PREFIX : 0) + (counting == Counting.MTU ? (outerIpv6 ? 40 : 20) + (tcp ? 20 : 8) : 0);
                int inner = INNER_HEADERS + (v1Framing ? V1_FRAMING_BYTE : 0) + (fragment ? FragmentHeader.LENGTH : 0);
                int aead = max - outer - DATA_CHANNEL_OVERHEAD - inner;
                if (cbcHmac == NO_CBC) {
                    yield aead;
                }
                int target = max - outer - CBC_HEADER_AND_IV - cbcHmac;
                yield Math.min(aead, target - Math.floorMod(target, CBC_BLOCK) - 1 - CBC_PACKET_ID - inner);
            }
        };
        return counting == Counting.OFF ? 0 : Math.max(1, mss);
    }

    @Override
    public String toString() {
        return switch (counting) {
            case OFF -> "mssfix 0";
            case LINK -> "mssfix " + max;
            case MTU -> "mssfix " + max + " mtu";
            case FIXED -> "mssfix " + max + " fixed";
        };
    }
}

package dev.culvert.vpn.status;

import dev.culvert.spi.route.AddressText;
import dev.culvert.vpn.files.KeptFile;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * The {@code status FILE [SECONDS]} file of a server, in the three formats of
 * {@code status-version} exactly as OpenVPN 2.6 writes them ({@code multi_print_status}), so the
 * scripts that watch 2.6 servers read Culvert's unchanged.
 *
 * <ul>
 *   <li>Version 1: {@code OpenVPN CLIENT LIST}, {@code Updated,TIME}, the client lines, then
 *       {@code ROUTING TABLE} and {@code GLOBAL STATS} sections and {@code END}.</li>
 *   <li>Version 2: every line tagged in its first field ({@code TITLE}, {@code TIME},
 *       {@code HEADER}, {@code CLIENT_LIST}, {@code ROUTING_TABLE}, {@code GLOBAL_STATS},
 *       {@code END}), comma-separated, with times also as epoch seconds.</li>
 *   <li>Version 3: version 2 with tabs instead of commas.</li>
 * </ul>
 *
 * <p>Times are 2.6's {@code time_string}: {@code YYYY-MM-DD HH:MM:SS} in the machine's local zone
 * (2.6 replaced the older {@code ctime} form); a time of 0 prints as now, as in 2.6. Epoch
 * seconds are printed as 2.6's {@code (unsigned int)} cast, the low 32 bits. A real address is
 * {@code a.b.c.d:port} for IPv4 (and IPv4-mapped IPv6) and the bare {@code inet_ntop} text for
 * IPv6, without port: 2.6 leaves the port out as {@code addr:port} would be ambiguous.
 *
 * <p>The global statistics are those of a server without a broadcast queue and without DCO:
 * {@code Max bcast/mcast queue length,0} and (versions 2 and 3) {@code dco_enabled,0}.
 *
 * <p>Fields come from peers (common names, usernames): a control character in one becomes
 * {@code _}, so no client can add a line to the file or, in version 3, a column.
 */
public final class StatusFile {
    /** How a version 2 or 3 file's TITLE line starts: monitoring scripts match "OpenVPN 2.6". */
    public static final String TITLE_PREFIX = "OpenVPN 2.6 compatible Culvert";

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss", Locale.ROOT);

    private StatusFile() {
    }

    /** {@link #render(int, long, List, List, String, ZoneId)} with the default title, in the machine's zone. */
    public static String render(int version, long nowEpochSeconds, List<ClientStatus> clients, List<RouteStatus> routes) {
        return render(version, nowEpochSeconds, clients, routes, defaultTitle(), ZoneId.systemDefault());
    }

    /**
     * The file's text.
     *
     * @param version {@code status-version}: 1, 2 or 3
     * @param title the TITLE line's text (versions 2 and 3)
     * @param zone the zone times are printed in (2.6: the process's local time)
     * @throws IllegalArgumentException for any other version (2.6 accepts only these)
     */
    public static String render(int version, long nowEpochSeconds, List<ClientStatus> clients, List<RouteStatus> routes,
            String title, ZoneId zone) {
        StringBuilder out = new StringBuilder(256 + 160 * (clients.size() + routes.size()));
        switch (version) {
            case 1 -> renderVersion1(out, nowEpochSeconds, clients, routes, zone);
            case 2 -> renderTagged(out, ',', nowEpochSeconds, clients, routes, title, zone);
            case 3 -> renderTagged(out, '\t', nowEpochSeconds, clients, routes, title, zone);
            default -> throw new IllegalArgumentException("status-version must be 1, 2 or 3, not " + version);
        }
        return out.toString();
    }

    private static void renderVersion1(StringBuilder out, long now, List<ClientStatus> clients, List<RouteStatus> routes,
            ZoneId zone) {
        out.append("OpenVPN CLIENT LIST\n");
        out.append("Updated,").append(time(now, now, zone)).append('\n');
        out.append("Common Name,Real Address,Bytes Received,Bytes Sent,Connected Since\n");
        for (ClientStatus c : clients) {
            out.append(field(c.commonName())).append(',')
                    .append(realAddress(c.realAddress())).append(',')
                    .append(Long.toUnsignedString(c.bytesReceived())).append(',')
                    .append(Long.toUnsignedString(c.bytesSent())).append(',')
                    .append(time(c.connectedSinceEpochSeconds(), now, zone)).append('\n');
        }
        out.append("ROUTING TABLE\n");
        out.append("Virtual Address,Common Name,Real Address,Last Ref\n");
        for (RouteStatus r : routes) {
            out.append(field(r.virtualAddress())).append(',')
                    .append(field(r.commonName())).append(',')
                    .append(realAddress(r.realAddress())).append(',')
                    .append(time(r.lastRefEpochSeconds(), now, zone)).append('\n');
        }
        out.append("GLOBAL STATS\n");
        out.append("Max bcast/mcast queue length,0\n");
        out.append("END\n");
    }

    private static void renderTagged(StringBuilder out, char sep, long now, List<ClientStatus> clients, List<RouteStatus> routes,
            String title, ZoneId zone) {
        line(out, sep, "TITLE", field(title));
        line(out, sep, "TIME", time(now, now, zone), unsigned32(now));
        line(out, sep, "HEADER", "CLIENT_LIST", "Common Name", "Real Address", "Virtual Address", "Virtual IPv6 Address",
                "Bytes Received", "Bytes Sent", "Connected Since", "Connected Since (time_t)", "Username", "Client ID",
                "Peer ID", "Data Channel Cipher");
        for (ClientStatus c : clients) {
            line(out, sep, "CLIENT_LIST", field(c.commonName()), realAddress(c.realAddress()), field(c.virtualAddress()),
                    field(c.virtualIpv6Address()), Long.toUnsignedString(c.bytesReceived()),
                    Long.toUnsignedString(c.bytesSent()), time(c.connectedSinceEpochSeconds(), now, zone), unsigned32(c.connectedSinceEpochSeconds()),
                    c.username() == null ? "UNDEF" : field(c.username()), Long.toUnsignedString(c.clientId()),
                    Integer.toUnsignedString(c.peerId()), field(c.cipher()));
        }
        line(out, sep, "HEADER", "ROUTING_TABLE", "Virtual Address", "Common Name", "Real Address", "Last Ref",
                "Last Ref (time_t)");
        for (RouteStatus r : routes) {
            line(out, sep, "ROUTING_TABLE", field(r.virtualAddress()), field(r.commonName()), realAddress(r.realAddress()),
                    time(r.lastRefEpochSeconds(), now, zone), unsigned32(r.lastRefEpochSeconds()));
        }
        line(out, sep, "GLOBAL_STATS", "Max bcast/mcast queue length", "0");
        line(out, sep, "GLOBAL_STATS", "dco_enabled", "0");
        out.append("END\n");
    }

    private static void line(StringBuilder out, char sep, String... fields) {
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                out.append(sep);
            }
            out.append(fields[i]);
        }
        out.append('\n');
    }

    /** 2.6's time_string: local time, and now for a time of 0. */
    private static String time(long epochSeconds, long now, ZoneId zone) {
        long t = epochSeconds == 0 ? now : epochSeconds;
        return TIME.format(LocalDateTime.ofInstant(Instant.ofEpochSecond(t), zone));
    }

    private static String unsigned32(long epochSeconds) {
        return Long.toString(epochSeconds & 0xffffffffL);
    }

    /** 2.6's mroute_addr_print of a client's real address. */
    static String realAddress(InetSocketAddress address) {
        if (address == null) {
            return "";
        }
        InetAddress ip = address.getAddress();
        if (ip == null) {
            return field(address.getHostString()) + ":" + address.getPort();
        }
        if (ip instanceof Inet4Address) {
            return ip.getHostAddress() + ":" + address.getPort();
        }
        byte[] bytes = ip.getAddress();
        if (isIpv4Mapped(bytes)) {
            return AddressText.ipv4(java.nio.ByteBuffer.wrap(bytes, 12, 4).getInt()) + ":" + address.getPort();
        }
        return AddressText.ipv6(bytes);
    }

    private static boolean isIpv4Mapped(byte[] bytes) {
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return (bytes[10] & 0xff) == 0xff && (bytes[11] & 0xff) == 0xff;
    }

    /** A peer-chosen text made safe for one field: null is empty, control characters become '_'. */
    private static String field(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder safe = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                if (safe == null) {
                    safe = new StringBuilder(text);
                }
                safe.setCharAt(i, '_');
            }
        }
        return safe == null ? text : safe.toString();
    }

    /**
     * {@link #TITLE_PREFIX}, Culvert's version when the jar says it, and the platform, in the
     * place of 2.6's {@code OpenVPN 2.6.x x86_64-pc-linux-gnu [SSL (OpenSSL)] ...}.
     */
    public static String defaultTitle() {
        String version = StatusFile.class.getPackage().getImplementationVersion();
        return TITLE_PREFIX + (version == null ? "" : " " + version) + " " + System.getProperty("os.arch") + "-"
                + System.getProperty("os.name").toLowerCase(Locale.ROOT) + " [Java " + Runtime.version().feature() + "]";
    }

    /**
     * Replaces {@code file} with {@code content} atomically ({@link KeptFile#replaceAtomically}),
     * so a monitoring script never reads half a file. A server that drops root writes through a
     * {@link KeptFile} opened before, as 2.6 does.
     */
    public static void write(Path file, String content) throws IOException {
        KeptFile.replaceAtomically(file, content);
    }
}

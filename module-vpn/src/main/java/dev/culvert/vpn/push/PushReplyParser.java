package dev.culvert.vpn.push;

import dev.culvert.core.graph.DropReason;
import dev.culvert.spi.route.AddressText;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads PUSH_REPLY messages (push.c {@code process_incoming_push_msg}, options.c
 * {@code add_option} for the pushable options) and collects their options across
 * {@code push-continuation 2} parts until a part with {@code push-continuation 1} or none.
 * One parser per push exchange; feed it each PUSH_REPLY in order.
 *
 * <p>Options are separated by commas, arguments by spaces or tabs. A known option that does not
 * parse refuses the whole reply with {@link PushRejects#BAD_OPTION} and a detail naming it; an
 * unknown option, an unknown protocol flag or key-derivation method becomes a warning.
 */
public final class PushReplyParser {
    static final String PREFIX = "PUSH_REPLY";
    /** Bounds on what one reply may carry; 2.6 servers send a handful of ≤1024-byte parts. */
    static final int MAX_MESSAGE = ControlMessages.MAX_RECORD;
    static final int MAX_PARTS = 64;
    static final int MAX_OPTIONS = 1024;
    private static final Set<String> RAW = Set.of("dhcp-option", "dns", "redirect-gateway", "redirect-private",
            "block-outside-dns", "register-dns", "route-metric", "route-delay", "inactive", "auth-token",
            "auth-token-user", "echo", "compress", "comp-lzo", "explicit-exit-notify", "session-timeout");

    /** Where a reply stands after a part. */
    public enum Status {
        /** A continuation part was read; more are expected. */
        MORE,
        /** The reply is complete: see {@link #reply()}. */
        DONE,
        /** Refused: see {@link #reject()} and {@link #detail()}. */
        FAILED,
    }

    private final PushFilter filter;
    private final List<String> options = new ArrayList<>();
    /** What the filter dropped, for the reply's warnings. */
    private final List<String> filtered = new ArrayList<>();
    private int parts;
    private Status status = Status.MORE;
    private PushReply reply;
    private DropReason reject;
    private String detail;

    /** A parser that keeps every option the server pushes. */
    public PushReplyParser() {
        this(PushFilter.NONE);
    }

    /** A parser that keeps what {@code filter} lets through ({@code pull-filter}, {@code route-nopull}). */
    public PushReplyParser(PushFilter filter) {
        this.filter = filter;
    }

    /** Reads one PUSH_REPLY message (text without its NUL). */
    public Status feed(String message) {
        if (status != Status.MORE) {
            throw new IllegalStateException("this reply is already " + status);
        }
        if (message.length() > MAX_MESSAGE || ++parts > MAX_PARTS) {
            return fail(PushRejects.TOO_LONG, "PUSH_REPLY part " + parts + " of " + message.length() + " chars");
        }
        if (!message.startsWith(PREFIX) || (message.length() > PREFIX.length() && message.charAt(PREFIX.length()) != ',')) {
            return fail(PushRejects.NOT_PUSH_REPLY, "not a PUSH_REPLY");
        }
        int continuation = 0;
        String body = message.substring(PREFIX.length());
        for (String option : body.split(",")) {
            String[] args = arguments(option);
            if (args.length == 0) {
                continue;
            }
            if (args[0].equals("push-continuation")) {
                if (args.length != 2 || !(args[1].equals("1") || args[1].equals("2"))) {
                    return fail(PushRejects.BAD_OPTION, "push-continuation must be 1 or 2: '" + option + "'");
                }
                continuation = args[1].charAt(0) - '0';
                continue;
            }
            if (options.size() >= MAX_OPTIONS) {
                return fail(PushRejects.TOO_LONG, "more than " + MAX_OPTIONS + " pushed options");
            }
            PushFilter.Verdict verdict = filter.judge(option.strip());
            if (verdict.refuse()) {
                return fail(PushRejects.FILTERED, verdict.note());
            }
            if (!verdict.keep()) {
                filtered.add(verdict.note());
                continue;
            }
            options.add(option.strip());
        }
        if (continuation == 2) {
            return Status.MORE;
        }
        return finish();
    }

    public Status status() {
        return status;
    }

    /** The complete reply once {@link #status()} is {@link Status#DONE}. */
    public PushReply reply() {
        return reply;
    }

    public DropReason reject() {
        return reject;
    }

    /** What was wrong, for the log. */
    public String detail() {
        return detail;
    }

    /** Parses a single, complete PUSH_REPLY message. */
    public static PushReplyParser parse(String message) {
        PushReplyParser p = new PushReplyParser();
        p.feed(message);
        return p;
    }

    private Status fail(DropReason why, String text) {
        status = Status.FAILED;
        reject = why;
        detail = text;
        return status;
    }

    private static String[] arguments(String option) {
        return option.strip().isEmpty() ? new String[0] : option.strip().split("[ \t]+");
    }

    private Status finish() {
        Topology topology = null;
        PushReply.Ifconfig ifconfig = null;
        PushReply.Ifconfig6 ifconfig6 = null;
        List<PushReply.Route> routes = new ArrayList<>();
        List<PushReply.Route6> routes6 = new ArrayList<>();
        String routeGateway = null;
        int ping = -1;
        int pingRestart = -1;
        boolean pingExit = false;
        int peerId = -1;
        String cipher = null;
        boolean ccExit = false;
        boolean tlsEkm = false;
        boolean dynTlsCrypt = false;
        boolean keyDerivationTlsEkm = false;
        int tunMtu = -1;
        List<String> raw = new ArrayList<>();
        List<String> warnings = new ArrayList<>(filtered);
        for (String option : options) {
            String[] a = arguments(option);
            String name = a[0];
            int n = a.length - 1;
            switch (name) {
                case "topology" -> {
                    if (n != 1) {
                        return bad(option);
                    }
                    topology = switch (a[1]) {
                        case "net30" -> Topology.NET30;
                        case "p2p" -> Topology.P2P;
                        case "subnet" -> Topology.SUBNET;
                        default -> null;
                    };
                    if (topology == null) {
                        return bad(option);
                    }
                }
                case "ifconfig" -> {
                    Integer local = n == 2 ? AddressText.ipv4OrNull(a[1]) : null;
                    Integer second = n == 2 ? AddressText.ipv4OrNull(a[2]) : null;
                    if (local == null || second == null) {
                        return bad(option);
                    }
                    ifconfig = new PushReply.Ifconfig(local, second);
                }
                case "ifconfig-ipv6" -> {
                    if (n != 2) {
                        return bad(option);
                    }
                    ifconfig6 = ifconfig6(a[1], a[2]);
                    if (ifconfig6 == null) {
                        return bad(option);
                    }
                }
                case "route" -> {
                    if (n < 1 || n > 4) {
                        return bad(option);
                    }
                    routes.add(new PushReply.Route(a[1], arg(a, 2), arg(a, 3), arg(a, 4)));
                }
                case "route-ipv6" -> {
                    if (n < 1 || n > 3 || a[1].indexOf(':') < 0) {
                        return bad(option);
                    }
                    routes6.add(new PushReply.Route6(a[1], arg(a, 2), arg(a, 3)));
                }
                case "route-gateway" -> {
                    if (n != 1 || !(a[1].equals("dhcp") || AddressText.ipv4OrNull(a[1]) != null)) {
                        return bad(option);
                    }
                    routeGateway = a[1];
                }
                case "ping", "ping-restart", "ping-exit", "peer-id", "tun-mtu" -> {
                    int v = n == 1 ? number(a[1]) : -1;
                    boolean ok = switch (name) {
                        case "peer-id" -> v >= 0 && v <= 0xFFFFFF;
                        case "tun-mtu" -> v >= 68 && v <= 65535;
                        default -> v >= 0;
                    };
                    if (!ok) {
                        return bad(option);
                    }
                    switch (name) {
                        case "ping" -> ping = v;
                        case "ping-restart", "ping-exit" -> {
                            pingRestart = v;
                            pingExit = name.equals("ping-exit");
                        }
                        case "peer-id" -> peerId = v;
                        default -> tunMtu = v;
                    }
                }
                case "cipher" -> {
                    if (n != 1) {
                        return bad(option);
                    }
                    cipher = a[1];
                }
                case "protocol-flags" -> {
                    if (n < 1) {
                        return bad(option);
                    }
                    for (int i = 1; i <= n; i++) {
                        switch (a[i]) {
                            case "cc-exit" -> ccExit = true;
                            case "tls-ekm" -> tlsEkm = true;
                            case "dyn-tls-crypt" -> dynTlsCrypt = true;
                            default -> warnings.add("unknown protocol flag '" + a[i] + "'");
                        }
                    }
                }
                case "key-derivation" -> {
                    if (n != 1) {
                        return bad(option);
                    }
                    if (a[1].equals("tls-ekm")) {
                        keyDerivationTlsEkm = true;
                    } else {
                        warnings.add("unknown key-derivation method '" + a[1] + "'");
                    }
                }
                default -> {
                    if (RAW.contains(name)) {
                        raw.add(option);
                    } else {
                        warnings.add("unsupported pushed option '" + option + "'");
                    }
                }
            }
        }
        if (ifconfig != null && topology == Topology.SUBNET && !isNetmask(ifconfig.second())) {
            return fail(PushRejects.BAD_OPTION, "ifconfig netmask " + ifconfig.secondText() + " is not a netmask in topology subnet");
        }
        reply = new PushReply(topology, ifconfig, ifconfig6, List.copyOf(routes), List.copyOf(routes6), routeGateway,
                ping, pingRestart, pingExit, peerId, cipher, ccExit, tlsEkm, dynTlsCrypt, keyDerivationTlsEkm, tunMtu,
                List.copyOf(raw), List.copyOf(warnings));
        status = Status.DONE;
        return status;
    }

    private Status bad(String option) {
        return fail(PushRejects.BAD_OPTION, "malformed pushed option '" + option + "'");
    }

    private static String arg(String[] a, int i) {
        return i < a.length ? a[i] : null;
    }

    /** A non-negative decimal of at most 9 digits, or −1. */
    static int number(String s) {
        if (s.isEmpty() || s.length() > 9) {
            return -1;
        }
        int v = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static PushReply.Ifconfig6 ifconfig6(String addressWithBits, String remote) {
        int slash = addressWithBits.indexOf('/');
        String address = slash < 0 ? addressWithBits : addressWithBits.substring(0, slash);
        int bits = slash < 0 ? 128 : number(addressWithBits.substring(slash + 1));
        if (bits < 0 || bits > 128 || !looksIpv6(address) || !looksIpv6(remote)) {
            return null;
        }
        return new PushReply.Ifconfig6(address, bits, remote);
    }

    /** Hex digits, colons and dots only, with at least one colon; the OS checks the rest. */
    private static boolean looksIpv6(String s) {
        if (s.length() < 2 || s.length() > 45 || s.indexOf(':') < 0) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c == ':' || c == '.' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code mask} is a contiguous netmask (ones then zeros). */
    static boolean isNetmask(int mask) {
        int inverted = ~mask;
        return (inverted & (inverted + 1)) == 0;
    }
}

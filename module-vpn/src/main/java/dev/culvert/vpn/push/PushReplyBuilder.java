package dev.culvert.vpn.push;

import dev.culvert.spi.route.AddressText;
import dev.culvert.vpn.keys.DataCipher;
import dev.culvert.vpn.keys.IvProto;
import java.util.ArrayList;
import java.util.List;

/**
 * The server's PUSH_REPLY for one client, in 2.6's order (push.c {@code prepare_push_reply}
 * appended to the global push list): the global {@code push} options as configured, then
 * {@code ifconfig-ipv6}, {@code ifconfig}, {@code peer-id}, {@code cipher}, then
 * {@code protocol-flags …} (client announced CC_EXIT_NOTIFY) or {@code key-derivation tls-ekm}
 * (client announced only TLS_KEY_EXPORT), then {@code tun-mtu} (client sent IV_MTU).
 *
 * <p>{@link #build()} splits the options into messages of at most {@value #MAX_MESSAGE} bytes
 * with their NUL ({@code PUSH_BUNDLE_SIZE}); when more than one is needed every part but the last
 * ends with {@code push-continuation 2} and the last with {@code push-continuation 1}.
 */
public final class PushReplyBuilder {
    public static final int MAX_MESSAGE = 1024;
    private static final String CONTINUE = ",push-continuation 2";
    private static final String LAST = ",push-continuation 1";

    private final List<String> global = new ArrayList<>();
    private String ifconfig6;
    private String ifconfig;
    private int peerId = -1;
    private DataCipher cipher;
    private String protocolOption;
    private int tunMtu;

    /** A global {@code push "…"} option, e.g. {@code route-gateway 10.77.0.1} or {@code topology subnet}. */
    public PushReplyBuilder push(String option) {
        checkOption(option);
        global.add(option);
        return this;
    }

    public PushReplyBuilder ifconfigIpv6(String addressWithBits, String remote) {
        ifconfig6 = checkOption("ifconfig-ipv6 " + addressWithBits + " " + remote);
        return this;
    }

    /** {@code ifconfig <local> <netmask or remote peer>}, dotted quads. */
    public PushReplyBuilder ifconfig(String local, String second) {
        if (AddressText.ipv4OrNull(local) == null || AddressText.ipv4OrNull(second) == null) {
            throw new IllegalArgumentException("ifconfig needs two IPv4 addresses: " + local + " " + second);
        }
        ifconfig = "ifconfig " + local + " " + second;
        return this;
    }

    public PushReplyBuilder peerId(int id) {
        if (id < 0 || id >= 0xFFFFFF) {
            throw new IllegalArgumentException("peer-id " + id);
        }
        peerId = id;
        return this;
    }

    /** The negotiated cipher; push it only to clients that negotiate ({@link CipherNegotiation.Choice#push()}). */
    public PushReplyBuilder cipher(DataCipher algorithm) {
        cipher = algorithm;
        return this;
    }

    /**
     * The protocol options for a client with {@code clientIvProto}: {@code protocol-flags} with
     * the flags both sides support if the client has CC_EXIT_NOTIFY, else {@code key-derivation
     * tls-ekm} if the client has TLS_KEY_EXPORT and the server uses the exporter.
     */
    public PushReplyBuilder protocolFlags(int clientIvProto, boolean ccExit, boolean tlsEkm, boolean dynTlsCrypt) {
        boolean clientEkm = tlsEkm && IvProto.has(clientIvProto, IvProto.TLS_KEY_EXPORT);
        if (IvProto.has(clientIvProto, IvProto.CC_EXIT_NOTIFY)) {
            StringBuilder sb = new StringBuilder();
            if (ccExit) {
                sb.append(" cc-exit");
            }
            if (clientEkm) {
                sb.append(" tls-ekm");
            }
            if (dynTlsCrypt && IvProto.has(clientIvProto, IvProto.DYN_TLS_CRYPT)) {
                sb.append(" dyn-tls-crypt");
            }
            protocolOption = sb.isEmpty() ? null : "protocol-flags" + sb;
        } else {
            protocolOption = clientEkm ? "key-derivation tls-ekm" : null;
        }
        return this;
    }

    /** {@code tun-mtu N}; only for a client that sent IV_MTU. 0 leaves it out. */
    public PushReplyBuilder tunMtu(int mtu) {
        if (mtu != 0 && (mtu < 68 || mtu > 65535)) {
            throw new IllegalArgumentException("tun-mtu " + mtu);
        }
        tunMtu = mtu;
        return this;
    }

    /** Every option in order. */
    public List<String> options() {
        List<String> all = new ArrayList<>(global);
        if (ifconfig6 != null) {
            all.add(ifconfig6);
        }
        if (ifconfig != null) {
            all.add(ifconfig);
        }
        if (peerId >= 0) {
            all.add("peer-id " + peerId);
        }
        if (cipher != null) {
            all.add("cipher " + cipher.openvpnName());
        }
        if (protocolOption != null) {
            all.add(protocolOption);
        }
        if (tunMtu > 0) {
            all.add("tun-mtu " + tunMtu);
        }
        return all;
    }

    /** The PUSH_REPLY messages, texts without their NUL, each at most 1023 characters. */
    public List<String> build() {
        List<String> options = options();
        List<String> messages = new ArrayList<>();
        StringBuilder single = new StringBuilder(PushReplyParser.PREFIX);
        options.forEach(o -> single.append(',').append(o));
        if (single.length() + 1 <= MAX_MESSAGE) {
            messages.add(single.toString());
            return messages;
        }
        int room = MAX_MESSAGE - 1 - CONTINUE.length();
        StringBuilder part = new StringBuilder(PushReplyParser.PREFIX);
        for (String o : options) {
            if (part.length() + 1 + o.length() > room) {
                messages.add(part.append(CONTINUE).toString());
                part = new StringBuilder(PushReplyParser.PREFIX);
            }
            part.append(',').append(o);
        }
        messages.add(part.append(LAST).toString());
        return messages;
    }

    private static String checkOption(String option) {
        if (option.isBlank() || option.indexOf(',') >= 0
                || PushReplyParser.PREFIX.length() + 1 + option.length() + CONTINUE.length() + 1 > MAX_MESSAGE) {
            throw new IllegalArgumentException("pushed option must be non-empty, without commas, and fit one message: " + option);
        }
        for (int i = 0; i < option.length(); i++) {
            char c = option.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                throw new IllegalArgumentException("pushed options are printable ASCII: " + option);
            }
        }
        return option;
    }
}

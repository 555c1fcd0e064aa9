package dev.culvert.vpn.keys;

import java.util.ArrayList;
import java.util.List;

/**
 * The peer-info a Culvert client announces (openvpn.md §3.1, "Recommended Java-client
 * peer-info"). It says only what Culvert implements: the {@code IV_PROTO} bits are a parameter
 * the caller sets from the features it actually handles, {@code IV_MTU} is sent only if the
 * caller honours a pushed {@code tun-mtu}, and no compression stubs are advertised (Culvert's
 * data channel speaks no compression framing).
 */
public final class PeerInfoBuilder {
    private final String version;
    private final String platform;
    private List<DataCipher> dataCiphers = List.of(DataCipher.AES_256_GCM, DataCipher.AES_128_GCM, DataCipher.CHACHA20_POLY1305);
    private int ivProto = IvProto.DATA_V2;
    private int mtu;
    private final List<String> extra = new ArrayList<>();

    /**
     * @param version  {@code IV_VER}, e.g. the Culvert version
     * @param platform {@code IV_PLAT}: {@code linux}, {@code mac}, {@code win}, …
     */
    public PeerInfoBuilder(String version, String platform) {
        this.version = checkValue(version);
        this.platform = checkValue(platform);
    }

    /** The data ciphers, in preference order, for {@code IV_CIPHERS} (and {@code IV_NCP}). */
    public PeerInfoBuilder dataCiphers(List<DataCipher> ciphers) {
        if (ciphers.isEmpty()) {
            throw new IllegalArgumentException("data-ciphers must not be empty");
        }
        this.dataCiphers = List.copyOf(ciphers);
        return this;
    }

    /**
     * The {@code IV_PROTO} bits of the features this peer implements ({@link IvProto}).
     * {@link IvProto#DATA_V2} is added whenever any bit is set, as OpenVPN requires.
     */
    public PeerInfoBuilder ivProto(int bits) {
        if ((bits & ~IvProto.ALL_2_6) != 0) {
            throw new IllegalArgumentException("IV_PROTO bits outside OpenVPN 2.6's: " + Integer.toBinaryString(bits & ~IvProto.ALL_2_6));
        }
        this.ivProto = bits == 0 ? 0 : bits | IvProto.DATA_V2;
        return this;
    }

    /** Announce {@code IV_MTU}; only if a pushed {@code tun-mtu} up to this value is honoured. 0 = don't. */
    public PeerInfoBuilder mtu(int mtu) {
        if (mtu < 0 || mtu > 65535) {
            throw new IllegalArgumentException("IV_MTU " + mtu);
        }
        this.mtu = mtu;
        return this;
    }

    /** An extra {@code KEY=VALUE} line, e.g. {@code IV_GUI_VER} or a {@code UV_} variable. */
    public PeerInfoBuilder put(String key, String value) {
        if (key.isEmpty() || key.indexOf('=') >= 0) {
            throw new IllegalArgumentException("peer-info key " + key);
        }
        extra.add(checkValue(key) + "=" + checkValue(value));
        return this;
    }

    public String build() {
        StringBuilder sb = new StringBuilder();
        line(sb, "IV_VER", version);
        line(sb, "IV_PLAT", platform);
        line(sb, "IV_TCPNL", "1");
        if (mtu > 0) {
            line(sb, "IV_MTU", Integer.toString(mtu));
        }
        if (dataCiphers.contains(DataCipher.AES_256_GCM) && dataCiphers.contains(DataCipher.AES_128_GCM)) {
            line(sb, "IV_NCP", "2");
        }
        StringBuilder ciphers = new StringBuilder();
        for (DataCipher a : dataCiphers) {
            if (!ciphers.isEmpty()) {
                ciphers.append(':');
            }
            ciphers.append(a.openvpnName());
        }
        line(sb, "IV_CIPHERS", ciphers.toString());
        if (ivProto != 0) {
            line(sb, "IV_PROTO", Integer.toString(ivProto));
        }
        for (String e : extra) {
            sb.append(e).append('\n');
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, String key, String value) {
        sb.append(key).append('=').append(value).append('\n');
    }

    private static String checkValue(String v) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw new IllegalArgumentException("peer-info text must be printable: " + v);
            }
        }
        return v;
    }
}

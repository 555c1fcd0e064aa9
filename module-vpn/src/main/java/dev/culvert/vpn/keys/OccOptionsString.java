package dev.culvert.vpn.keys;

/**
 * The OCC options string a peer puts in its key-method-2 message (options.c
 * {@code options_string}), for the configuration Culvert speaks: TLS mode, {@code dev tun}, no
 * compression. Without a configured {@code cipher} the string reads exactly as a 2.6 peer with
 * default settings sends it, e.g.
 * {@code V4,dev-type tun,link-mtu 1541,tun-mtu 1500,proto UDPv4,auth SHA1,keysize 128,key-method 2,tls-client}.
 *
 * <p>2.6 only compares this string for a warning (and looks for a {@code cipher} in it). The
 * {@code link-mtu} is computed as 2.6's {@code calc_options_string_link_mtu} does when no
 * {@code cipher} is configured: for the legacy BF-CBC/SHA1 key type, over the tun MTU,
 * {@code 1 (opcode) + 4 (packet id) + 8 (CBC block) + 8 (IV) + 20 (HMAC-SHA1)} = 41 bytes, plus 2
 * for the TCP length prefix; {@code keysize 128} is BF-CBC's key size. With {@code tls-auth}
 * 2.6 adds {@code ,tls-auth} before {@code key-method} (and {@code keydir} after {@code proto} when
 * {@code key-direction} is set, which this class does not write); with tls-crypt nothing.
 *
 * <p>With a configured cipher that this side will use (2.6 names it only then), the string has
 * {@code cipher X} before {@code auth}, the digest an AEAD cipher does without is
 * {@code [null-digest]}, and {@code keysize} is the cipher's; the {@code link-mtu} stays the
 * legacy figure, which 2.6 only reads for a warning.
 */
public final class OccOptionsString {
    /** The overhead 2.6 counts for its BF-CBC/SHA1 fallback key type. */
    static final int LEGACY_OVERHEAD = 1 + 4 + 8 + 8 + 20;
    static final int TCP_LENGTH_PREFIX = 2;

    /** The transport, as named in the {@code proto} field. */
    public enum Transport {
        UDP, TCP
    }

    private OccOptionsString() {
    }

    public static String build(Role role, Transport transport, int tunMtu, boolean tlsAuth) {
        return build(role, transport, tunMtu, tlsAuth, null, HmacDigest.SHA1);
    }

    /** 2.6's legacy link-mtu figure for {@code tunMtu}, as its OCC string and its up script's third argument give it. */
    public static int linkMtu(int tunMtu, Transport transport) {
        return tunMtu + LEGACY_OVERHEAD + (transport == Transport.TCP ? TCP_LENGTH_PREFIX : 0);
    }

    /**
     * The string naming {@code cipher} (when not {@code null}) and the {@code auth} digest.
     */
    public static String build(Role role, Transport transport, int tunMtu, boolean tlsAuth, DataCipher cipher, HmacDigest auth) {
        if (tunMtu < 68 || tunMtu > 65535) {
            throw new IllegalArgumentException("tun-mtu " + tunMtu);
        }
        int linkMtu = linkMtu(tunMtu, transport);
        String proto = switch (transport) {
            case UDP -> "UDPv4";
            case TCP -> role == Role.CLIENT ? "TCPv4_CLIENT" : "TCPv4_SERVER";
        };
        return "V4,dev-type tun,link-mtu " + linkMtu + ",tun-mtu " + tunMtu + ",proto " + proto
                + crypto(cipher, auth) + (tlsAuth ? ",tls-auth" : "") + ",key-method 2"
                + (role == Role.CLIENT ? ",tls-client" : ",tls-server");
    }

    private static String crypto(DataCipher cipher, HmacDigest auth) {
        if (cipher == null) {
            return ",auth " + auth + ",keysize 128";
        }
        return ",cipher " + cipher.openvpnName() + ",auth " + (cipher.isAead() ? "[null-digest]" : auth.name())
                + ",keysize " + cipher.keyLength() * 8;
    }

    /** The value of the {@code cipher} field of a peer's options string, or {@code null} (for "poor man's NCP"). */
    public static String cipher(String options) {
        for (String field : options.split(",")) {
            if (field.startsWith("cipher ")) {
                return field.substring("cipher ".length()).trim();
            }
        }
        return null;
    }
}

package dev.culvert.vpn.keys;

/**
 * The {@code --auth} digests, with their JCE names and output lengths: tls-auth's HMAC, and the
 * data channel's with a CBC cipher.
 */
public enum HmacDigest {
    SHA1("HmacSHA1", 20),
    SHA224("HmacSHA224", 28),
    SHA256("HmacSHA256", 32),
    SHA384("HmacSHA384", 48),
    SHA512("HmacSHA512", 64);

    private final String jceName;
    private final int length;

    HmacDigest(String jceName, int length) {
        this.jceName = jceName;
        this.length = length;
    }

    public String jceName() {
        return jceName;
    }

    /** The digest with this OpenVPN name ({@code SHA256}, case-insensitively), or {@code null}. */
    public static HmacDigest byName(String name) {
        for (HmacDigest d : values()) {
            if (d.name().equalsIgnoreCase(name)) {
                return d;
            }
        }
        return null;
    }

    /** Bytes of output, and of key (OpenVPN uses an HMAC key as long as the digest). */
    public int length() {
        return length;
    }
}

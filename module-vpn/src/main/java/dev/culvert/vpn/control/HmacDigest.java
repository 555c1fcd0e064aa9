package dev.culvert.vpn.control;

/** The {@code --auth} digests tls-auth supports here, with their JCE names and output lengths. */
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

    /** Bytes of output, and of key (OpenVPN uses an HMAC key as long as the digest). */
    public int length() {
        return length;
    }
}

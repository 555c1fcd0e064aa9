package dev.culvert.vpn.control;

/**
 * The keys of 2.6.14's tests/unit_tests/openvpn/test_tls_crypt.c: a server key of bytes 0..127,
 * and client keys of bytes 0..255 wrapped by it, one with the timestamp metadata of time 0 that
 * {@code --genkey tls-crypt-v2-client} writes by default, one with user metadata.
 */
public final class TlsCryptV2Vectors {
    public static final String SERVER_KEY = """
            -----BEGIN OpenVPN tls-crypt-v2 server key-----
            AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4v
            MDEyMzQ1Njc4OTo7PD0+P0BBQkNERUZHSElKS0xNTk9QUVJTVFVWV1hZWltcXV5f
            YGFiY2RlZmdoaWprbG1ub3BxcnN0dXZ3eHl6e3x9fn8=
            -----END OpenVPN tls-crypt-v2 server key-----
            """;

    static final String CLIENT_KEY = """
            -----BEGIN OpenVPN tls-crypt-v2 client key-----
            AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4v
            MDEyMzQ1Njc4OTo7PD0+P0BBQkNERUZHSElKS0xNTk9QUVJTVFVWV1hZWltcXV5f
            YGFiY2RlZmdoaWprbG1ub3BxcnN0dXZ3eHl6e3x9fn+AgYKDhIWGh4iJiouMjY6P
            kJGSk5SVlpeYmZqbnJ2en6ChoqOkpaanqKmqq6ytrq+wsbKztLW2t7i5uru8vb6/
            wMHCw8TFxsfIycrLzM3Oz9DR0tPU1dbX2Nna29zd3t/g4eLj5OXm5+jp6uvs7e7v
            8PHy8/T19vf4+fr7/P3+/xd9pcB0qUYZsWvkrLcfGmzPJPM8a7r0mEWdXwbDadSV
            LHg5bv2TwlmPR3HgaMr8o9LTh9hxUTkrH3S0PfKRNwcso86ua/dBFTyXsM9tg4aw
            3dS6ogH9AkaT+kRRDgNcKWkQCbwmJK2JlfkXHBwbAtmn78AkNuho6QCFqCdqGab3
            zh2vheFqGMPdGpukbFrT3rcO3VLxUeG+RdzXiMTCpJSovFBP1lDkYwYJPnz6daEh
            j0TzJ3BVru9W3CpotdNt7u09knxAfpCxjtrP3semsDew/gTBtcfQ/OoTFyFHnN5k
            RZ+q17SC4nba3Pp8/Fs0+hSbv2tJozoD8SElFq7SIWJsciTYh8q8f5yQxjdt4Wxu
            /Z5wtPCAZ0tOzj4ItTI77fBOYRTfEayzHgEr
            -----END OpenVPN tls-crypt-v2 client key-----
            """;

    static final String CLIENT_KEY_WITH_METADATA = """
            -----BEGIN OpenVPN tls-crypt-v2 client key-----
            AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4v
            MDEyMzQ1Njc4OTo7PD0+P0BBQkNERUZHSElKS0xNTk9QUVJTVFVWV1hZWltcXV5f
            YGFiY2RlZmdoaWprbG1ub3BxcnN0dXZ3eHl6e3x9fn+AgYKDhIWGh4iJiouMjY6P
            kJGSk5SVlpeYmZqbnJ2en6ChoqOkpaanqKmqq6ytrq+wsbKztLW2t7i5uru8vb6/
            wMHCw8TFxsfIycrLzM3Oz9DR0tPU1dbX2Nna29zd3t/g4eLj5OXm5+jp6uvs7e7v
            8PHy8/T19vf4+fr7/P3+/2ntp1WCqhcLjJQY/igkjNt3Yb6i0neqFkfrOp2UCDcz
            6RSJtPLZbvOOKUHk2qwxPYUsFCnz/IWV6/ZiLRrabzUpS8oSN1HS6P7qqAdrHKgf
            hVTHasdSf2UdMTPC7HBgnP9Ll0FhKN0h7vSzbbt7QM7wH9mr1ecc/Mt0SYW2lpwA
            aJObYGTyk6hTgWm0g/MLrworLrezTqUHBZzVsu+LDyqLWK1lzJNd66MuNOsGA4YF
            fbCsDh8n3H+Cw1k5YNBZDYYJOtVUgBWXheO6vgoOmqDdI0dAQ3hVo9DE+SkCFjgf
            l4FY2yLEh9ZVZZrl1eD1Owh/X178CkHrBJYl9LNQSyQEKlDGWwBLQ/pY3qtjctr3
            pV62MPQdBo+1lcsjDCJVQA6XUyltas4BKQ==
            -----END OpenVPN tls-crypt-v2 client key-----
            """;

    private TlsCryptV2Vectors() {
    }

    public static TlsCryptV2ServerKey serverKey() {
        try {
            return TlsCryptV2ServerKey.parse(SERVER_KEY, "test_tls_crypt.c");
        } catch (StaticKeyException e) {
            throw new AssertionError(e);
        }
    }

    public static TlsCryptV2ClientKey clientKey() {
        try {
            return TlsCryptV2ClientKey.parse(CLIENT_KEY, "test_tls_crypt.c");
        } catch (StaticKeyException e) {
            throw new AssertionError(e);
        }
    }

    /** Bytes 0, 1, 2, ... as test_tls_crypt.c's stubbed random source makes them. */
    static byte[] counting(int length) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) i;
        }
        return b;
    }

    /** A client key's WKc, as it sends it. */
    public static byte[] wrappedKeyOf(TlsCryptV2ClientKey key) {
        return key.wrapped().clone();
    }
}

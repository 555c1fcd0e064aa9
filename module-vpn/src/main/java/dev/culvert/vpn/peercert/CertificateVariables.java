package dev.culvert.vpn.peercert;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The variables 2.6's {@code verify_cert_set_env} sets for one certificate of the peer's chain at
 * {@code depth}: {@code X509_{depth}_{attribute}} for each subject attribute (or, with
 * {@code x509-track}, for the tracked ones only), {@code tls_id_{depth}} (the subject as 2.6
 * prints it), {@code tls_digest_{depth}} and {@code tls_digest_sha256_{depth}} (fingerprints, lower
 * case, colon-separated), {@code tls_serial_{depth}} (decimal) and {@code tls_serial_hex_{depth}}.
 *
 * <p>Every name and value is what the peer's CA wrote, so each passes 2.6's filters: attribute
 * names and values have control characters (CR and LF among them) made {@code _}, tracked values
 * CR and LF made {@code ?}, and then, as 2.6's {@code setenv_str} does, a name keeps letters, digits
 * and {@code _} only and a value loses any control character left.
 */
public final class CertificateVariables {
    private CertificateVariables() {
    }

    /**
     * The variables for {@code certificate} at {@code depth}, added to {@code env} (which may hold
     * the deeper certificates' already: a repeated attribute gets {@code _1}, {@code _2}, ... as
     * 2.6's {@code setenv_str_incr} names it).
     *
     * @param track the {@code x509-track} lines, or empty for 2.6's default of every subject attribute
     */
    public static void add(Map<String, String> env, X509Certificate certificate, int depth, Optional<List<X509Track>> track) {
        if (track.isPresent()) {
            for (X509Track t : track.get()) {
                if (t.appliesAt(depth)) {
                    String value = tracked(certificate, t);
                    if (value != null) {
                        set(env, "X509_" + depth + "_" + t.name(), value.replace('\r', '?').replace('\n', '?'));
                    }
                }
            }
        } else {
            for (Map.Entry<String, String> attribute : OpenSslSubject.attributes(certificate)) {
                setIncrementing(env, OpenSslSubject.remap("X509_" + depth + "_" + attribute.getKey()),
                        OpenSslSubject.remap(attribute.getValue()));
            }
        }
        set(env, "tls_id_" + depth, OpenSslSubject.of(certificate));
        set(env, "tls_digest_" + depth, colons(digest(certificate, "SHA-1"), false));
        set(env, "tls_digest_sha256_" + depth, colons(digest(certificate, "SHA-256"), false));
        set(env, "tls_serial_" + depth, certificate.getSerialNumber().toString());
        set(env, "tls_serial_hex_" + depth, colons(magnitude(certificate.getSerialNumber()), false));
    }

    /** A tracked attribute's value: the first of that type in the subject, or the fingerprint; null if the certificate has none. */
    private static String tracked(X509Certificate certificate, X509Track track) {
        if (track.fingerprint()) {
            return colons(digest(certificate, track.shortName().equals("SHA1") ? "SHA-1" : "SHA-256"), true);
        }
        for (Map.Entry<String, String> attribute : OpenSslSubject.attributes(certificate)) {
            if (attribute.getKey().equals(track.shortName())) {
                return attribute.getValue();
            }
        }
        return null;
    }

    /** 2.6's {@code setenv_str}: the name keeps letters, digits and '_', the value loses control characters. */
    static void set(Map<String, String> env, String name, String value) {
        env.put(nameChars(name), withoutControls(value));
    }

    private static void setIncrementing(Map<String, String> env, String name, String value) {
        String key = nameChars(name);
        String candidate = key;
        for (int counter = 1; env.containsKey(candidate); counter++) {
            if (counter >= 1000) {
                return; // as 2.6: too many of one name, the rest are left out
            }
            candidate = key + "_" + counter;
        }
        env.put(candidate, withoutControls(value));
    }

    private static String withoutControls(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().filter(c -> c >= 0x20 && c != 0x7f).forEach(out::appendCodePoint);
        return out.toString();
    }

    private static String nameChars(String name) {
        StringBuilder out = new StringBuilder(name.length());
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            if ((b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || b == '_') {
                out.append((char) b);
            }
        }
        return out.toString();
    }

    private static byte[] digest(X509Certificate certificate, String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm).digest(certificate.getEncoded());
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot hash a certificate TLS accepted: " + e.getMessage(), e);
        }
    }

    /** The serial's bytes as its ASN.1 INTEGER holds them: the magnitude, big-endian, without a sign byte. */
    private static byte[] magnitude(BigInteger serial) {
        byte[] bytes = serial.abs().toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            byte[] trimmed = new byte[bytes.length - 1];
            System.arraycopy(bytes, 1, trimmed, 0, trimmed.length);
            return trimmed;
        }
        return bytes;
    }

    /** 2.6's {@code format_hex_ex(..., ":")}: two hex digits a byte, colons between. */
    private static String colons(byte[] bytes, boolean upper) {
        HexFormat hex = HexFormat.ofDelimiter(":");
        return upper ? hex.withUpperCase().formatHex(bytes) : hex.formatHex(bytes);
    }
}

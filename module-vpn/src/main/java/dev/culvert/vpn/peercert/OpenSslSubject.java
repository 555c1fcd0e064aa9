package dev.culvert.vpn.peercert;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;

/**
 * A certificate's subject as OpenVPN 2.6 writes it, which is what {@code verify-x509-name ...
 * subject} is compared with: OpenSSL's {@code X509_NAME_print_ex} with {@code XN_FLAG_SEP_CPLUS_SPC |
 * XN_FLAG_FN_SN | ASN1_STRFLGS_UTF8_CONVERT | ASN1_STRFLGS_ESC_CTRL} (attributes in the order they
 * are encoded, short names, ", " between them and " + " inside a multi-valued one, values not
 * quoted, UTF-8 as it is), then 2.6's own {@code string_mod_remap_name} (a control character
 * becomes {@code _}; UTF-8 stays, as 2.6's {@code CC_PRINT} takes every byte from 0x80 up: a
 * stock 2.6 shows {@code CN=zoë}, as TlsVerifyIT checks; 2.6 also makes a leading {@code -} a
 * {@code _}, which a subject that starts with an attribute's name never has). For example
 * {@code C=US, ST=CA, L=San Francisco, O=Example, CN=server}.
 */
public final class OpenSslSubject {
    /** OpenSSL's short names where the JDK's RFC 2253 keywords differ or are missing. */
    private static final Map<String, String> SHORT_NAMES = Map.ofEntries(
            Map.entry("2.5.4.3", "CN"), Map.entry("2.5.4.6", "C"), Map.entry("2.5.4.7", "L"), Map.entry("2.5.4.8", "ST"),
            Map.entry("2.5.4.10", "O"), Map.entry("2.5.4.11", "OU"), Map.entry("2.5.4.9", "street"), Map.entry("2.5.4.5", "serialNumber"),
            Map.entry("2.5.4.4", "SN"), Map.entry("2.5.4.42", "GN"), Map.entry("2.5.4.12", "title"), Map.entry("2.5.4.43", "initials"),
            Map.entry("2.5.4.44", "generationQualifier"), Map.entry("2.5.4.46", "dnQualifier"), Map.entry("2.5.4.65", "pseudonym"),
            Map.entry("2.5.4.41", "name"), Map.entry("2.5.4.13", "description"), Map.entry("2.5.4.17", "postalCode"),
            Map.entry("2.5.4.15", "businessCategory"), Map.entry("1.2.840.113549.1.9.1", "emailAddress"),
            Map.entry("0.9.2342.19200300.100.1.25", "DC"), Map.entry("0.9.2342.19200300.100.1.1", "UID"));

    private OpenSslSubject() {
    }

    /** The subject of {@code certificate} as 2.6 prints and compares it. */
    public static String of(X509Certificate certificate) {
        String rfc2253 = certificate.getSubjectX500Principal().getName(X500Principal.RFC2253, SHORT_NAMES);
        List<Rdn> rdns;
        try {
            rdns = new LdapName(rfc2253).getRdns(); // in encoding order, the reverse of RFC 2253's
        } catch (InvalidNameException e) {
            return remap(rfc2253); // not reached: the JDK wrote this name
        }
        List<String> parts = new ArrayList<>();
        for (Rdn rdn : rdns) {
            List<String> attributes = new ArrayList<>();
            for (String attribute : splitUnescaped(rdn.toString(), '+')) {
                int eq = attribute.indexOf('=');
                attributes.add(attribute.substring(0, eq) + "=" + value(Rdn.unescapeValue(attribute.substring(eq + 1))));
            }
            parts.add(String.join(" + ", attributes));
        }
        return remap(String.join(", ", parts));
    }

    /**
     * The subject's attributes in the order they are encoded, each as its OpenSSL short name and
     * its value as text, as 2.6's {@code x509_setenv} walks them. Attributes whose type OpenSSL's
     * short names here do not cover, or whose value is not a string, are left out (2.6 leaves out
     * the types OpenSSL does not know).
     */
    public static List<Map.Entry<String, String>> attributes(X509Certificate certificate) {
        String rfc2253 = certificate.getSubjectX500Principal().getName(X500Principal.RFC2253, SHORT_NAMES);
        List<Map.Entry<String, String>> out = new ArrayList<>();
        List<Rdn> rdns;
        try {
            rdns = new LdapName(rfc2253).getRdns();
        } catch (InvalidNameException e) {
            return out; // not reached: the JDK wrote this name
        }
        for (Rdn rdn : rdns) {
            for (String attribute : splitUnescaped(rdn.toString(), '+')) {
                int eq = attribute.indexOf('=');
                String type = attribute.substring(0, eq);
                Object value = Rdn.unescapeValue(attribute.substring(eq + 1));
                if (!SHORT_NAMES.containsValue(type) || !(value instanceof String text)) {
                    continue;
                }
                out.add(Map.entry(type, text));
            }
        }
        return out;
    }

    /** The OpenSSL short name of a subject attribute's OID, or null if it is not one of those known here. */
    static String shortName(String oid) {
        return SHORT_NAMES.get(oid);
    }

    /** 2.6's {@code string_mod_remap_name}: control characters (below 0x20, and DEL) become {@code _}; the rest stays. */
    static String remap(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> out.appendCodePoint(c < 0x20 || c == 0x7f ? '_' : c));
        return out.toString();
    }

    private static String value(Object value) {
        if (value instanceof byte[] der) {
            return "#" + HexFormat.of().withUpperCase().formatHex(der);
        }
        StringBuilder out = new StringBuilder();
        for (char c : String.valueOf(value).toCharArray()) {
            // ASN1_STRFLGS_ESC_CTRL: control characters as \XX, which stay readable through the remap.
            out.append(c < 0x20 || c == 0x7f ? String.format("\\%02X", (int) c) : String.valueOf(c));
        }
        return out.toString();
    }

    private static List<String> splitUnescaped(String text, char separator) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == separator) {
                out.add(text.substring(start, i));
                start = i + 1;
            }
        }
        out.add(text.substring(start));
        return out;
    }
}

package dev.culvert.vpn.peercert;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One {@code x509-track ATTRIBUTE} line, as 2.6's {@code x509_track_add} reads it: a subject
 * attribute (by OpenSSL's short or long name, or its OID) or a fingerprint ({@code SHA1},
 * {@code SHA256}) to put in the scripts' environment as {@code X509_{depth}_{ATTRIBUTE}}, for the
 * peer's own certificate only, or with a leading {@code +} for every certificate of its chain.
 *
 * @param name      the attribute as written, without the {@code +}: it names the variable
 * @param shortName the subject attribute's OpenSSL short name, or {@code SHA1} / {@code SHA256}
 * @param fullChain whether it was written with {@code +}
 */
public record X509Track(String name, String shortName, boolean fullChain) {
    /** OpenSSL's long names (and a few aliases it takes) of the subject attributes {@link OpenSslSubject} knows. */
    private static final Map<String, String> LONG_NAMES = Map.ofEntries(
            Map.entry("commonName", "CN"), Map.entry("countryName", "C"), Map.entry("localityName", "L"),
            Map.entry("stateOrProvinceName", "ST"), Map.entry("organizationName", "O"), Map.entry("organizationalUnitName", "OU"),
            Map.entry("streetAddress", "street"), Map.entry("surname", "SN"), Map.entry("givenName", "GN"),
            Map.entry("domainComponent", "DC"), Map.entry("userId", "UID"));
    private static final Set<String> SHORT_NAMES = Set.of("CN", "C", "L", "ST", "O", "OU", "street", "serialNumber", "SN", "GN", "title",
            "initials", "generationQualifier", "dnQualifier", "pseudonym", "name", "description", "postalCode", "businessCategory",
            "emailAddress", "DC", "UID");
    /** The X.509 v3 extensions 2.6 would print with OpenSSL's {@code X509V3_EXT_print}. */
    private static final Set<String> EXTENSIONS = Set.of("subjectAltName", "issuerAltName", "keyUsage", "extendedKeyUsage",
            "basicConstraints", "subjectKeyIdentifier", "authorityKeyIdentifier", "nsCertType", "nsComment", "crlDistributionPoints",
            "certificatePolicies", "authorityInfoAccess", "subjectInfoAccess", "nameConstraints", "policyConstraints", "inhibitAnyPolicy",
            "policyMappings", "nsBaseUrl", "nsRevocationUrl", "nsCaRevocationUrl", "nsRenewalUrl", "nsCaPolicyUrl", "nsSslServerName",
            "ct_precert_scts", "tlsfeature", "X509v3 Subject Alternative Name", "X509v3 Key Usage", "X509v3 Extended Key Usage",
            "X509v3 Basic Constraints");

    /**
     * Reads {@code text}; throws {@link IllegalArgumentException} with the reason when it is an
     * attribute 2.6 knows but Culvert does not reproduce (an extension) or one it does not know.
     */
    public static X509Track parse(String text) {
        boolean full = text.startsWith("+");
        String name = full ? text.substring(1) : text;
        if (name.isEmpty()) {
            throw new IllegalArgumentException("'" + text + "' names no attribute");
        }
        String shortName = shortName(name);
        if (shortName != null) {
            return new X509Track(name, shortName, full);
        }
        if (EXTENSIONS.contains(name) || name.startsWith("2.5.29.")) {
            throw new IllegalArgumentException("'" + name + "' is an X.509 extension, which 2.6 puts in the environment as OpenSSL's"
                    + " X509V3_EXT_print writes it; Culvert does not reproduce that text");
        }
        throw new IllegalArgumentException("'" + name + "' is not a subject attribute or fingerprint Culvert knows");
    }

    private static String shortName(String name) {
        if (SHORT_NAMES.contains(name)) {
            return name;
        }
        if (LONG_NAMES.containsKey(name)) {
            return LONG_NAMES.get(name);
        }
        // OpenSSL's short (SHA1) or long (sha1) name of the digest, as OBJ_txt2nid takes them.
        if (name.equals("SHA1") || name.equals("sha1") || name.equals("SHA256") || name.equals("sha256")) {
            return name.toUpperCase(Locale.ROOT);
        }
        if (name.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'))) {
            return OpenSslSubject.shortName(name);
        }
        return null;
    }

    /** Whether the value is a fingerprint rather than a subject attribute. */
    public boolean fingerprint() {
        return shortName.equals("SHA1") || shortName.equals("SHA256");
    }

    /** Whether it applies to the certificate at {@code depth} (the peer's own is depth 0). */
    boolean appliesAt(int depth) {
        return depth == 0 || fullChain;
    }
}

package dev.culvert.vpn.config;

import dev.culvert.spi.tls.TlsAlgorithms;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * OpenVPN's TLS names in JSSE's: the cipher strings of {@code tls-cipher} (OpenSSL names such as
 * {@code ECDHE-RSA-AES256-GCM-SHA384}, the IANA names with dashes OpenVPN also takes such as
 * {@code TLS-ECDHE-RSA-WITH-AES-256-GCM-SHA384}, and the keywords field configurations use), the
 * TLS 1.3 suites of {@code tls-ciphersuites}, and the groups of {@code tls-groups} and
 * {@code ecdh-curve}. A name or keyword it cannot read is an {@link IllegalArgumentException}
 * whose message says which and why; whether the TLS module has a name is checked elsewhere
 * ({@link TlsAlgorithmsConfig}).
 */
final class OpenSslTlsNames {
    /** Keywords meaning "the library's own list": Culvert leaves the choice to the TLS module. */
    private static final Set<String> DEFAULT_KEYWORDS = Set.of("DEFAULT", "HIGH", "ALL", "COMPLEMENTOFDEFAULT");
    /**
     * Exclusions of suites no Culvert TLS module offers (anonymous, null, export, RC4, DES, MD5,
     * PSK, SRP...): after {@code !} or {@code -} they change nothing.
     */
    private static final Set<String> NEVER_OFFERED = Set.of("ANULL", "ENULL", "NULL", "EXPORT", "EXP", "LOW", "MEDIUM", "MD5", "RC4",
            "DES", "3DES", "PSK", "SRP", "IDEA", "SEED", "CAMELLIA", "ADH", "AECDH", "KRB5", "DSS", "ADSS", "SSLV3", "SSLV2", "ARIA");
    private static final Map<String, String> GROUPS = Map.ofEntries(
            Map.entry("x25519", "x25519"), Map.entry("x448", "x448"),
            Map.entry("prime256v1", "secp256r1"), Map.entry("secp256r1", "secp256r1"), Map.entry("p-256", "secp256r1"),
            Map.entry("secp384r1", "secp384r1"), Map.entry("p-384", "secp384r1"),
            Map.entry("secp521r1", "secp521r1"), Map.entry("p-521", "secp521r1"),
            Map.entry("ffdhe2048", "ffdhe2048"), Map.entry("ffdhe3072", "ffdhe3072"), Map.entry("ffdhe4096", "ffdhe4096"),
            Map.entry("ffdhe6144", "ffdhe6144"), Map.entry("ffdhe8192", "ffdhe8192"),
            Map.entry("x25519mlkem768", "X25519MLKEM768"), Map.entry("mlkem1024", "MLKEM1024"));

    private OpenSslTlsNames() {
    }

    /**
     * The TLS 1.2 suites of a {@code tls-cipher} string, in its order; empty for the module's own
     * ({@code DEFAULT}, {@code HIGH}, with exclusions that change nothing and {@code @SECLEVEL}).
     */
    static List<String> tls12Suites(String cipherString) {
        Set<String> named = new LinkedHashSet<>();
        Set<String> removed = new LinkedHashSet<>();
        boolean moduleDefaults = false;
        for (String item : cipherString.split("[:, ]+")) {
            if (item.isEmpty() || item.startsWith("@SECLEVEL=") || item.equals("@STRENGTH")) {
                // JSSE has no OpenSSL security levels; the modules' defaults are at least level 2's.
                continue;
            }
            char op = item.charAt(0);
            if (op == '!' || op == '-') {
                String what = item.substring(1);
                if (NEVER_OFFERED.contains(what.toUpperCase(Locale.ROOT))) {
                    continue;
                }
                Optional<String> suite = suite(what);
                if (suite.isEmpty()) {
                    throw new IllegalArgumentException("'" + item + "' excludes a group of suites Culvert does not know by that name");
                }
                removed.add(suite.get());
                continue;
            }
            if (op == '+') {
                throw new IllegalArgumentException("'" + item + "' reorders suites, which Culvert does not do");
            }
            if (DEFAULT_KEYWORDS.contains(item.toUpperCase(Locale.ROOT))) {
                moduleDefaults = true;
                continue;
            }
            String suite = suite(item).orElseThrow(() -> new IllegalArgumentException("'" + item + "' is neither a cipher suite"
                    + " Culvert can name nor a keyword it takes (DEFAULT, HIGH, @SECLEVEL=N, !aNULL and like exclusions)"));
            if (TlsAlgorithms.isTls13Suite(suite)) {
                throw new IllegalArgumentException("'" + item + "' is a TLS 1.3 suite, which tls-cipher does not set");
            }
            named.add(suite);
        }
        if (moduleDefaults && !named.isEmpty()) {
            throw new IllegalArgumentException("a keyword (DEFAULT, HIGH) mixed with suite names leaves the list to OpenSSL's rules,"
                    + " which Culvert does not reproduce");
        }
        if (!moduleDefaults && named.isEmpty()) {
            throw new IllegalArgumentException("the list names no cipher suite");
        }
        named.removeAll(removed);
        if (!moduleDefaults && named.isEmpty()) {
            throw new IllegalArgumentException("the list excludes every suite it names");
        }
        return List.copyOf(named);
    }

    /** The TLS 1.3 suites of a {@code tls-ciphersuites} list (OpenSSL names them as IANA does). */
    static List<String> tls13Suites(String list) {
        List<String> suites = new ArrayList<>();
        for (String item : list.split(":")) {
            String suite = item.replace('-', '_').toUpperCase(Locale.ROOT);
            if (!TlsAlgorithms.isTls13Suite(suite)) {
                throw new IllegalArgumentException("'" + item + "' is not a TLS 1.3 suite (those read like TLS_AES_256_GCM_SHA384)");
            }
            if (!suites.contains(suite)) {
                suites.add(suite);
            }
        }
        return List.copyOf(suites);
    }

    /** The JSSE names of a {@code tls-groups} list or an {@code ecdh-curve} name. */
    static List<String> groups(String list) {
        List<String> groups = new ArrayList<>();
        for (String item : list.split(":")) {
            String group = GROUPS.get(item.toLowerCase(Locale.ROOT));
            if (group == null) {
                throw new IllegalArgumentException("'" + item + "' is not a group Culvert can name (X25519, X448, prime256v1,"
                        + " secp384r1, secp521r1, ffdhe2048..ffdhe8192, X25519MLKEM768, MLKEM1024)");
            }
            if (!groups.contains(group)) {
                groups.add(group);
            }
        }
        return List.copyOf(groups);
    }

    /**
     * The IANA (JSSE) name of one suite: given as IANA names it ({@code TLS_...}, or with dashes
     * as OpenVPN allows), or by OpenSSL's name ({@code [KX-][AUTH-]CIPHER[-MAC]}).
     */
    static Optional<String> suite(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        if (upper.startsWith("TLS-") || upper.startsWith("TLS_")) {
            return Optional.of(upper.replace('-', '_'));
        }
        List<String> parts = new ArrayList<>(List.of(upper.split("-")));
        String exchange = "RSA";
        String authentication = "";
        if (!parts.isEmpty() && (parts.get(0).equals("ECDHE") || parts.get(0).equals("DHE") || parts.get(0).equals("EDH"))) {
            exchange = parts.remove(0).equals("ECDHE") ? "ECDHE" : "DHE";
            if (parts.isEmpty() || !Set.of("RSA", "ECDSA", "DSS").contains(parts.get(0))) {
                return Optional.empty();
            }
            authentication = "_" + parts.remove(0);
        }
        String cipher = parts.isEmpty() ? "" : parts.remove(0);
        String bulk;
        if (cipher.equals("CHACHA20") && parts.equals(List.of("POLY1305"))) {
            bulk = "CHACHA20_POLY1305_SHA256";
        } else if (cipher.equals("AES128") || cipher.equals("AES256")) {
            String aes = "AES_" + cipher.substring(3);
            if (parts.size() == 2 && parts.get(0).equals("GCM") && Set.of("SHA256", "SHA384").contains(parts.get(1))) {
                bulk = aes + "_GCM_" + parts.get(1);
            } else if (parts.size() == 1 && Set.of("SHA", "SHA256", "SHA384").contains(parts.get(0))) {
                bulk = aes + "_CBC_" + parts.get(0);
            } else {
                return Optional.empty();
            }
        } else {
            return Optional.empty();
        }
        return Optional.of("TLS_" + exchange + authentication + "_WITH_" + bulk);
    }
}

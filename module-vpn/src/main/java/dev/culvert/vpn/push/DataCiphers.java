package dev.culvert.vpn.push;

import dev.culvert.spi.aead.AeadAlgorithm;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code data-ciphers} list (ssl_ncp.c {@code mutate_ncp_cipher_list}): colon-separated
 * cipher names, case-insensitive, normalised to OpenVPN's upper-case spelling; a name prefixed
 * with {@code ?} is optional and silently left out if Culvert does not implement it. Culvert's
 * data channel implements the AEAD ciphers only, so a mandatory CBC cipher (or {@code none}) is
 * refused as clearly as an unknown name. As in 2.6, empty entries ({@code A::B}) are skipped,
 * duplicates are kept, and the normalised list must fit 2.6's 127-byte buffer with room for a
 * separator and the NUL, i.e. at most {@value #MAX_NORMALISED} characters.
 */
public final class DataCiphers {
    /** {@code MAX_NCP_CIPHERS_LENGTH}. */
    public static final int MAX_LENGTH = 127;
    /** The longest normalised list {@code mutate_ncp_cipher_list} accepts into its 127-byte buffer. */
    public static final int MAX_NORMALISED = MAX_LENGTH - 3;
    /** 2.6's default. */
    public static final String DEFAULT = "AES-256-GCM:AES-128-GCM:CHACHA20-POLY1305";
    private static final List<String> KNOWN_NON_AEAD = List.of("NONE", "BF-CBC", "AES-128-CBC", "AES-192-CBC", "AES-256-CBC",
            "AES-128-CFB", "AES-256-CFB", "AES-128-OFB", "AES-256-OFB", "DES-EDE3-CBC", "CAMELLIA-256-CBC");

    private DataCiphers() {
    }

    /**
     * The ciphers of {@code list} in order.
     *
     * @throws IllegalArgumentException naming the offending entry, for a config error
     */
    public static List<AeadAlgorithm> parse(String list) {
        if (list == null || list.isBlank()) {
            throw new IllegalArgumentException("data-ciphers is empty");
        }
        List<AeadAlgorithm> out = new ArrayList<>();
        int normalisedLength = -1;
        for (String entry : list.split(":")) {
            if (entry.isEmpty()) {
                continue;
            }
            boolean optional = entry.startsWith("?");
            String name = optional ? entry.substring(1) : entry;
            AeadAlgorithm a = AeadAlgorithm.byOpenvpnName(name);
            if (a == null) {
                if (optional) {
                    continue;
                }
                String upper = name.toUpperCase(Locale.ROOT);
                throw new IllegalArgumentException(KNOWN_NON_AEAD.contains(upper)
                        ? "data-ciphers: " + upper + " is not an AEAD cipher; Culvert's data channel supports "
                                + names(List.of(AeadAlgorithm.values()))
                        : "data-ciphers: unsupported cipher '" + name + "'");
            }
            normalisedLength += 1 + a.openvpnName().length();
            if (normalisedLength > MAX_NORMALISED) {
                throw new IllegalArgumentException("data-ciphers is over the limit of " + MAX_LENGTH + " chars (2.6's buffer)");
            }
            out.add(a);
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("data-ciphers: none of '" + list + "' is supported");
        }
        return List.copyOf(out);
    }

    /** The normalised list, as sent in {@code IV_CIPHERS}. */
    public static String names(List<AeadAlgorithm> ciphers) {
        StringBuilder sb = new StringBuilder();
        for (AeadAlgorithm a : ciphers) {
            if (!sb.isEmpty()) {
                sb.append(':');
            }
            sb.append(a.openvpnName());
        }
        return sb.toString();
    }

    /**
     * A peer's list (IV_CIPHERS) read leniently: names Culvert knows, in order, unknown ones
     * skipped; never throws.
     */
    public static List<AeadAlgorithm> parsePeerList(String list) {
        List<AeadAlgorithm> out = new ArrayList<>();
        if (list == null) {
            return out;
        }
        for (String entry : list.split(":")) {
            AeadAlgorithm a = AeadAlgorithm.byOpenvpnName(entry.trim());
            if (a != null && !out.contains(a)) {
                out.add(a);
            }
        }
        return out;
    }
}

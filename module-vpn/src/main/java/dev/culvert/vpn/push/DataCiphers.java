package dev.culvert.vpn.push;

import dev.culvert.vpn.keys.DataCipher;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code data-ciphers} list (ssl_ncp.c {@code mutate_ncp_cipher_list}): colon-separated
 * cipher names, case-insensitive, normalised to OpenVPN's upper-case spelling; a name prefixed
 * with {@code ?} is optional and silently left out if Culvert does not implement it. Culvert's
 * data channel implements the AEAD ciphers and AES-CBC; a mandatory legacy cipher it lacks
 * (BF-CBC and the other 64-bit-block ciphers, CFB/OFB modes, {@code none}) is refused with the
 * reason, as clearly as an unknown name. As in 2.6, empty entries ({@code A::B}) are skipped,
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
    private static final List<String> KNOWN_LEGACY = List.of("NONE", "BF-CBC", "DES-CBC", "DES-EDE-CBC", "DES-EDE3-CBC", "DESX-CBC",
            "CAST5-CBC", "RC2-CBC", "RC2-40-CBC", "RC2-64-CBC", "SEED-CBC", "AES-128-CFB", "AES-192-CFB", "AES-256-CFB",
            "AES-128-OFB", "AES-192-OFB", "AES-256-OFB", "CAMELLIA-128-CBC", "CAMELLIA-192-CBC", "CAMELLIA-256-CBC");

    private DataCiphers() {
    }

    /**
     * The ciphers of {@code list} in order.
     *
     * @throws IllegalArgumentException naming the offending entry, for a config error
     */
    public static List<DataCipher> parse(String list) {
        if (list == null || list.isBlank()) {
            throw new IllegalArgumentException("data-ciphers is empty");
        }
        List<DataCipher> out = new ArrayList<>();
        int normalisedLength = -1;
        for (String entry : list.split(":")) {
            if (entry.isEmpty()) {
                continue;
            }
            boolean optional = entry.startsWith("?");
            String name = optional ? entry.substring(1) : entry;
            DataCipher a = DataCipher.byOpenvpnName(name);
            if (a == null) {
                if (optional) {
                    continue;
                }
                throw new IllegalArgumentException(unsupported("data-ciphers", name));
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

    /** Why {@code name}, which Culvert does not have, is refused: a legacy cipher it leaves out, or an unknown name. */
    public static String unsupported(String directive, String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        if (upper.equals("NONE")) {
            return directive + ": 'none' (no encryption) is not supported; Culvert's data channel supports " + names(List.of(DataCipher.values()));
        }
        return KNOWN_LEGACY.contains(upper)
                ? directive + ": " + upper + " is a legacy cipher Culvert leaves out (64-bit blocks or a stream mode); it supports "
                        + names(List.of(DataCipher.values()))
                : directive + ": unsupported cipher '" + name + "'";
    }

    /** The normalised list, as sent in {@code IV_CIPHERS}. */
    public static String names(List<DataCipher> ciphers) {
        StringBuilder sb = new StringBuilder();
        for (DataCipher a : ciphers) {
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
    public static List<DataCipher> parsePeerList(String list) {
        List<DataCipher> out = new ArrayList<>();
        if (list == null) {
            return out;
        }
        for (String entry : list.split(":")) {
            DataCipher a = DataCipher.byOpenvpnName(entry.trim());
            if (a != null && !out.contains(a)) {
                out.add(a);
            }
        }
        return out;
    }
}

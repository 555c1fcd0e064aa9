package dev.culvert.vpn.keys;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A peer-info string read: {@code KEY=VALUE} lines separated by {@code \n}. Lines without
 * {@code =} are ignored; a repeated key keeps its first value. Everything here came from the peer:
 * values are text, checked by whoever uses them.
 */
public final class PeerInfo {
    private final Map<String, String> values;

    private PeerInfo(Map<String, String> values) {
        this.values = values;
    }

    public static PeerInfo parse(String text) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            String l = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
            int eq = l.indexOf('=');
            if (eq > 0) {
                values.putIfAbsent(l.substring(0, eq), l.substring(eq + 1));
            }
        }
        return new PeerInfo(Collections.unmodifiableMap(values));
    }

    /** The value of {@code key}, or {@code null}. */
    public String get(String key) {
        return values.get(key);
    }

    /** Every key and its value, in the order the peer sent them. */
    public Map<String, String> asMap() {
        return values;
    }

    /** {@code IV_PROTO} as a number, 0 if absent or not a number. */
    public int ivProto() {
        return intValue("IV_PROTO");
    }

    /** {@code IV_NCP} as a number, 0 if absent or not a number. */
    public int ivNcp() {
        return intValue("IV_NCP");
    }

    /** {@code IV_CIPHERS}, or {@code null} if absent. */
    public String ivCiphers() {
        return values.get("IV_CIPHERS");
    }

    /** {@code IV_MTU} as a number, 0 if absent or not a number. */
    public int ivMtu() {
        return intValue("IV_MTU");
    }

    private int intValue(String key) {
        String v = values.get(key);
        if (v == null || v.isEmpty() || v.length() > 9) {
            return 0;
        }
        for (int i = 0; i < v.length(); i++) {
            if (v.charAt(i) < '0' || v.charAt(i) > '9') {
                return 0;
            }
        }
        return Integer.parseInt(v);
    }
}

package dev.culvert.vpn.push;

/** Dotted-quad IPv4 text, strictly: four decimal parts 0..255, no leading signs or spaces; no DNS. */
public final class Ipv4Text {
    private Ipv4Text() {
    }

    /** The address as an int, or {@code null} if {@code s} is not a dotted quad. */
    public static Integer parse(String s) {
        if (s.length() < 7 || s.length() > 15) {
            return null;
        }
        int value = 0;
        int part = 0;
        int digits = 0;
        int parts = 0;
        for (int i = 0; i <= s.length(); i++) {
            char c = i < s.length() ? s.charAt(i) : '.';
            if (c == '.') {
                if (digits == 0 || part > 255) {
                    return null;
                }
                value = value << 8 | part;
                parts++;
                part = 0;
                digits = 0;
            } else if (c >= '0' && c <= '9' && digits < 3) {
                part = part * 10 + (c - '0');
                digits++;
            } else {
                return null;
            }
        }
        return parts == 4 ? value : null;
    }

    public static String format(int a) {
        return (a >>> 24) + "." + (a >>> 16 & 0xff) + "." + (a >>> 8 & 0xff) + "." + (a & 0xff);
    }

    /** Whether {@code mask} is a contiguous netmask (ones then zeros). */
    static boolean isNetmask(int mask) {
        int inverted = ~mask;
        return (inverted & (inverted + 1)) == 0;
    }
}

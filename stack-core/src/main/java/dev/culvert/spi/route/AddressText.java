package dev.culvert.spi.route;

/**
 * IP address literals, read and written without the name resolver: {@code 10.8.0.1} and
 * {@code fd00::1} (RFC 4291 §2.2 text forms, an embedded IPv4 tail included). A string that is
 * not a literal is refused with {@link IllegalArgumentException}, never looked up. The one place
 * Culvert turns addresses into text and back: configuration, push options, status files, logs.
 */
public final class AddressText {
    private AddressText() {
    }

    /** Reads a dotted quad: four decimal numbers 0..255, nothing else. */
    public static int parseIpv4(String text) {
        int value = 0;
        int parts = 0;
        int i = 0;
        int n = text.length();
        while (true) {
            int start = i;
            int part = 0;
            while (i < n && text.charAt(i) >= '0' && text.charAt(i) <= '9' && i - start < 3) {
                part = part * 10 + (text.charAt(i) - '0');
                i++;
            }
            if (i == start || part > 255) {
                throw new IllegalArgumentException("'" + text + "' is not an IPv4 address");
            }
            value = (value << 8) | part;
            parts++;
            if (parts == 4) {
                break;
            }
            if (i >= n || text.charAt(i) != '.') {
                throw new IllegalArgumentException("'" + text + "' is not an IPv4 address");
            }
            i++;
        }
        if (i != n) {
            throw new IllegalArgumentException("'" + text + "' is not an IPv4 address");
        }
        return value;
    }

    /** {@link #parseIpv4}, or {@code null} when {@code text} is not a dotted quad (for text from a peer or a file). */
    public static Integer ipv4OrNull(String text) {
        try {
            return parseIpv4(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Reads an IPv6 address; returns {hi, lo}. */
    public static long[] parseIpv6(String text) {
        int[] groups = new int[8];
        int count = 0;
        int gap = -1;
        int i = 0;
        int n = text.length();
        if (n < 2) {
            throw bad6(text);
        }
        if (text.startsWith("::")) {
            gap = 0;
            i = 2;
        } else if (text.charAt(0) == ':') {
            throw bad6(text);
        }
        while (i < n) {
            int start = i;
            int value = 0;
            while (i < n && Character.digit(text.charAt(i), 16) >= 0 && i - start < 4) {
                value = (value << 4) | Character.digit(text.charAt(i), 16);
                i++;
            }
            if (i < n && text.charAt(i) == '.') {
                // An embedded IPv4 tail takes the last two groups.
                if (count > 6) {
                    throw bad6(text);
                }
                int v4 = parseIpv4(text.substring(start));
                groups[count++] = v4 >>> 16;
                groups[count++] = v4 & 0xffff;
                i = n;
                break;
            }
            if (i == start || count == 8) {
                throw bad6(text);
            }
            groups[count++] = value;
            if (i == n) {
                break;
            }
            if (text.charAt(i) != ':') {
                throw bad6(text);
            }
            i++;
            if (i < n && text.charAt(i) == ':') {
                if (gap >= 0) {
                    throw bad6(text);
                }
                gap = count;
                i++;
            } else if (i == n) {
                throw bad6(text);
            }
        }
        if (gap < 0 ? count != 8 : count > 7) {
            throw bad6(text);
        }
        int[] full = new int[8];
        if (gap < 0) {
            full = groups;
        } else {
            int tail = count - gap;
            System.arraycopy(groups, 0, full, 0, gap);
            System.arraycopy(groups, gap, full, 8 - tail, tail);
        }
        long hi = 0;
        long lo = 0;
        for (int g = 0; g < 4; g++) {
            hi = (hi << 16) | full[g];
            lo = (lo << 16) | full[g + 4];
        }
        return new long[] {hi, lo};
    }

    private static IllegalArgumentException bad6(String text) {
        return new IllegalArgumentException("'" + text + "' is not an IPv6 address");
    }

    public static String ipv4(int address) {
        return (address >>> 24) + "." + ((address >>> 16) & 0xff) + "." + ((address >>> 8) & 0xff) + "." + (address & 0xff);
    }

    /** {@link #ipv6(long, long)} of a 16-byte address in network order ({@link java.net.Inet6Address#getAddress}). */
    public static String ipv6(byte[] address) {
        if (address.length != 16) {
            throw new IllegalArgumentException("an IPv6 address has 16 bytes, not " + address.length);
        }
        long hi = 0;
        long lo = 0;
        for (int i = 0; i < 8; i++) {
            hi = hi << 8 | (address[i] & 0xff);
            lo = lo << 8 | (address[i + 8] & 0xff);
        }
        return ipv6(hi, lo);
    }

    /**
     * RFC 5952 text: lower case, no leading zeros, the first longest run of two or more zero groups
     * as {@code ::}; IPv4-mapped ({@code ::ffff:10.0.0.1}) and IPv4-compatible ({@code ::1.2.3.4})
     * addresses end in a dotted quad. This is glibc's {@code inet_ntop}, so what OpenVPN prints.
     */
    public static String ipv6(long hi, long lo) {
        int[] g = new int[8];
        for (int i = 0; i < 4; i++) {
            g[i] = (int) (hi >>> (48 - 16 * i)) & 0xffff;
            g[i + 4] = (int) (lo >>> (48 - 16 * i)) & 0xffff;
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        boolean dottedTail = bestStart == 0 && (bestLength == 6 || bestLength == 5 && g[5] == 0xffff);
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                s.append("::");
                i += bestLength - 1;
                continue;
            }
            if (dottedTail && i == 6) {
                return s.append(s.charAt(s.length() - 1) == ':' ? "" : ":").append(ipv4((int) lo)).toString();
            }
            if (s.length() > 0 && s.charAt(s.length() - 1) != ':') {
                s.append(':');
            }
            s.append(Integer.toHexString(g[i]));
        }
        return s.toString();
    }
}

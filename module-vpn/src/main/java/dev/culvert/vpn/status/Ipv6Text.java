package dev.culvert.vpn.status;

/**
 * IPv6 text as glibc's {@code inet_ntop} writes it, which is what OpenVPN prints: lowercase hex
 * without leading zeros, the first longest run of two or more zero groups shortened to
 * {@code ::}, and the last 32 bits as a dotted quad for IPv4-compatible ({@code ::1.2.3.4}) and
 * IPv4-mapped ({@code ::ffff:1.2.3.4}) addresses. The JDK's own form never shortens.
 */
final class Ipv6Text {
    private Ipv6Text() {
    }

    static String format(byte[] address) {
        if (address.length != 16) {
            throw new IllegalArgumentException("an IPv6 address has 16 bytes, not " + address.length);
        }
        int[] words = new int[8];
        for (int i = 0; i < 8; i++) {
            words[i] = (address[2 * i] & 0xff) << 8 | (address[2 * i + 1] & 0xff);
        }
        int bestBase = -1;
        int bestLength = 0;
        int runBase = -1;
        for (int i = 0; i <= 8; i++) {
            if (i < 8 && words[i] == 0) {
                if (runBase < 0) {
                    runBase = i;
                }
            } else if (runBase >= 0) {
                if (i - runBase > bestLength) {
                    bestBase = runBase;
                    bestLength = i - runBase;
                }
                runBase = -1;
            }
        }
        if (bestLength < 2) {
            bestBase = -1;
        }
        StringBuilder text = new StringBuilder(40);
        for (int i = 0; i < 8; i++) {
            if (bestBase >= 0 && i >= bestBase && i < bestBase + bestLength) {
                if (i == bestBase) {
                    text.append(':');
                }
                continue;
            }
            if (i != 0) {
                text.append(':');
            }
            if (i == 6 && bestBase == 0 && (bestLength == 6 || (bestLength == 5 && words[5] == 0xffff))) {
                text.append(address[12] & 0xff).append('.').append(address[13] & 0xff).append('.')
                        .append(address[14] & 0xff).append('.').append(address[15] & 0xff);
                return text.toString();
            }
            text.append(Integer.toHexString(words[i]));
        }
        if (bestBase >= 0 && bestBase + bestLength == 8) {
            text.append(':');
        }
        return text.toString();
    }
}

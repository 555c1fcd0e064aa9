package dev.culvert.example.filter;

/**
 * An IPv4 prefix such as {@code 192.0.2.0/24}, as a rule's {@code from} or {@code to}.
 *
 * @param network the address with the host bits cleared
 * @param length  the prefix length, 0 to 32
 */
record Ipv4Prefix(int network, int length) {
    /** Parses {@code A.B.C.D/N} or a bare address ({@code /32}); null if the text is not one. */
    static Ipv4Prefix parse(String text) {
        int slash = text.indexOf('/');
        String address = slash < 0 ? text : text.substring(0, slash);
        int length = 32;
        if (slash >= 0) {
            String bits = text.substring(slash + 1);
            if (bits.isEmpty() || bits.length() > 2 || !bits.chars().allMatch(Character::isDigit)) {
                return null;
            }
            length = Integer.parseInt(bits);
            if (length > 32) {
                return null;
            }
        }
        String[] parts = address.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        int value = 0;
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)) {
                return null;
            }
            int octet = Integer.parseInt(part);
            if (octet > 255) {
                return null;
            }
            value = (value << 8) | octet;
        }
        return new Ipv4Prefix(value & mask(length), length);
    }

    private static int mask(int length) {
        return length == 0 ? 0 : -1 << (32 - length);
    }

    boolean contains(int address) {
        return (address & mask(length)) == network;
    }

    @Override
    public String toString() {
        return (network >>> 24) + "." + ((network >>> 16) & 0xff) + "." + ((network >>> 8) & 0xff) + "." + (network & 0xff)
                + "/" + length;
    }
}

package dev.culvert.vpn.session;

/** Builds an IPv4 ICMP echo request by hand, and reads the bits of a reply a test checks. */
final class Icmp {
    private Icmp() {
    }

    static byte[] echoRequest(String source, String destination, int id, int sequence) {
        byte[] payload = "culvert-echo-payload".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] p = new byte[20 + 8 + payload.length];
        p[0] = 0x45;
        put16(p, 2, p.length);
        put16(p, 4, sequence);
        p[8] = 64;
        p[9] = 1;
        System.arraycopy(address(source), 0, p, 12, 4);
        System.arraycopy(address(destination), 0, p, 16, 4);
        put16(p, 10, checksum(p, 0, 20));
        p[20] = 8;
        put16(p, 24, id);
        put16(p, 26, sequence);
        System.arraycopy(payload, 0, p, 28, payload.length);
        put16(p, 22, checksum(p, 20, p.length - 20));
        return p;
    }

    static String source(byte[] ip) {
        return (ip[12] & 0xff) + "." + (ip[13] & 0xff) + "." + (ip[14] & 0xff) + "." + (ip[15] & 0xff);
    }

    private static byte[] address(String dotted) {
        String[] parts = dotted.split("\\.");
        byte[] a = new byte[4];
        for (int i = 0; i < 4; i++) {
            a[i] = (byte) Integer.parseInt(parts[i]);
        }
        return a;
    }

    private static void put16(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 8);
        b[at + 1] = (byte) v;
    }

    private static int checksum(byte[] b, int off, int len) {
        long sum = 0;
        for (int i = 0; i < len - 1; i += 2) {
            sum += ((b[off + i] & 0xff) << 8) | (b[off + i + 1] & 0xff);
        }
        if ((len & 1) != 0) {
            sum += (b[off + len - 1] & 0xff) << 8;
        }
        while ((sum >> 16) != 0) {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        return (int) (~sum & 0xffff);
    }
}

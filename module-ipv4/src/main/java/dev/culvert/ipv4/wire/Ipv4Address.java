package dev.culvert.ipv4.wire;

/** Classes of IPv4 addresses that must never appear where a host's address belongs (RFC 1812 §4.2.2.11, §5.3.7). */
public final class Ipv4Address {
    private Ipv4Address() {
    }

    public static boolean isUnspecified(int address) {
        return address == 0;
    }

    /** 127.0.0.0/8. */
    public static boolean isLoopback(int address) {
        return address >>> 24 == 127;
    }

    /** 224.0.0.0/4. */
    public static boolean isMulticast(int address) {
        return address >>> 28 == 0xe;
    }

    /** 255.255.255.255. */
    public static boolean isLimitedBroadcast(int address) {
        return address == -1;
    }

    /** 240.0.0.0/4 (class E, reserved), which includes the limited broadcast. */
    public static boolean isReserved(int address) {
        return address >>> 28 == 0xf;
    }

    /** Whether a packet may carry this source address at all: not unspecified, loopback, multicast or class E. */
    public static boolean isValidSource(int address) {
        return !isUnspecified(address) && !isLoopback(address) && !isMulticast(address) && !isReserved(address);
    }
}

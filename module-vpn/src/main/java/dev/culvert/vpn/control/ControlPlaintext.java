package dev.culvert.vpn.control;

/**
 * A reusable buffer an unwrap writes the plain control packet into: {@code bytes[0, length)}. Its
 * capacity bounds the largest control packet accepted.
 */
public final class ControlPlaintext {
    /** 2.6 never sends a control packet above 2048 bytes; room for any wrapping on top. */
    public static final int DEFAULT_CAPACITY = 2048;

    private final byte[] bytes;
    private int length;

    public ControlPlaintext() {
        this(DEFAULT_CAPACITY);
    }

    public ControlPlaintext(int capacity) {
        this.bytes = new byte[capacity];
    }

    public byte[] bytes() {
        return bytes;
    }

    public int length() {
        return length;
    }

    void setLength(int length) {
        this.length = length;
    }

    public int capacity() {
        return bytes.length;
    }
}

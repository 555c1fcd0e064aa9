package dev.culvert.vpn.control;

/**
 * Which halves of a 256-byte static key a side sends and receives with (crypto.c
 * {@code key_direction_state_init}). tls-auth honours {@code key-direction}; tls-crypt fixes it by
 * role: server {@link #NORMAL}, client {@link #INVERSE}.
 */
public enum KeyDirection {
    /** No {@code key-direction}: both ways use keys[0]. */
    BIDIRECTIONAL(0, 0),
    /** {@code key-direction 0}: send with keys[0], receive with keys[1]. */
    NORMAL(0, 1),
    /** {@code key-direction 1}: send with keys[1], receive with keys[0]. */
    INVERSE(1, 0);

    private final int sendSlot;
    private final int receiveSlot;

    KeyDirection(int sendSlot, int receiveSlot) {
        this.sendSlot = sendSlot;
        this.receiveSlot = receiveSlot;
    }

    public int sendSlot() {
        return sendSlot;
    }

    public int receiveSlot() {
        return receiveSlot;
    }
}

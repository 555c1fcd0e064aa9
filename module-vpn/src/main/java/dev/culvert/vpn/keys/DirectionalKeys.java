package dev.culvert.vpn.keys;

/** The two halves of one key_state as one peer sees them: what it seals with and what it opens with. */
public record DirectionalKeys(DataKey send, DataKey receive) {
    /** Wipes both directions. */
    public void wipe() {
        send.wipe();
        receive.wipe();
    }
}

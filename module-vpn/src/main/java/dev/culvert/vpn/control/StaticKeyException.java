package dev.culvert.vpn.control;

/** A static key file could not be read; the message names the source and says how to fix it. */
public final class StaticKeyException extends Exception {
    public StaticKeyException(String message) {
        super(message);
    }
}

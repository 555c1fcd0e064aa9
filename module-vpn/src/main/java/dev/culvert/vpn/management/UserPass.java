package dev.culvert.vpn.management;

import java.util.Arrays;

/**
 * A username and password a management client gave ({@code username "Auth" …}, {@code password "Auth" …}).
 * The password bytes belong to the receiver, which wipes them; {@link #toString} never shows them.
 */
public record UserPass(String username, byte[] password) {
    /** Zeroes the password. */
    public void wipe() {
        Arrays.fill(password, (byte) 0);
    }

    @Override
    public String toString() {
        return "UserPass[" + username + ", password hidden]";
    }
}

package dev.culvert.vpn.keys;

import java.util.Arrays;

/**
 * What one peer sends in its key-method-2 message (ssl.c {@code key_method_2_write}): the client
 * sends a 48-byte pre-master secret, both send two 32-byte randoms, then the OCC options string,
 * username, password and peer-info (the server leaves the last three empty).
 *
 * <p>Holds its secrets in arrays it owns; {@link #wipe()} zeroes them once keys are derived. The
 * password is a {@code String} because it is text on the wire and in the config; it cannot be
 * wiped, so callers keep the message no longer than the key exchange.
 */
public final class KeyMethod2Message {
    public static final int PRE_MASTER_LENGTH = 48;
    public static final int RANDOM_LENGTH = 32;

    private final byte[] preMaster;
    private final byte[] random1;
    private final byte[] random2;
    private final String options;
    private final String username;
    private final String password;
    private final String peerInfo;

    /**
     * @param preMaster 48 bytes from the client, {@code null} from the server
     * @param username, password, peerInfo empty strings when absent, never {@code null}
     */
    public KeyMethod2Message(byte[] preMaster, byte[] random1, byte[] random2,
                             String options, String username, String password, String peerInfo) {
        if (preMaster != null && preMaster.length != PRE_MASTER_LENGTH) {
            throw new IllegalArgumentException("pre_master must be " + PRE_MASTER_LENGTH + " bytes");
        }
        if (random1.length != RANDOM_LENGTH || random2.length != RANDOM_LENGTH) {
            throw new IllegalArgumentException("randoms must be " + RANDOM_LENGTH + " bytes");
        }
        this.preMaster = preMaster == null ? null : preMaster.clone();
        this.random1 = random1.clone();
        this.random2 = random2.clone();
        this.options = requireText(options);
        this.username = requireText(username);
        this.password = requireText(password);
        this.peerInfo = requireText(peerInfo);
    }

    private static String requireText(String s) {
        if (s == null) {
            throw new IllegalArgumentException("strings are empty when absent, never null");
        }
        return s;
    }

    /** Whether this is the client's message (the one with a pre-master secret). */
    public boolean fromClient() {
        return preMaster != null;
    }

    /** The pre-master secret, not a copy; {@code null} in the server's message. */
    public byte[] preMaster() {
        return preMaster;
    }

    /** The first random, not a copy. */
    public byte[] random1() {
        return random1;
    }

    /** The second random, not a copy. */
    public byte[] random2() {
        return random2;
    }

    /** The OCC options string, e.g. {@code V4,dev-type tun,…}. */
    public String options() {
        return options;
    }

    public String username() {
        return username;
    }

    public String password() {
        return password;
    }

    /** {@code KEY=VALUE} lines separated by {@code \n}; empty from a server. */
    public String peerInfo() {
        return peerInfo;
    }

    /** Zeroes the pre-master secret and the randoms. */
    public void wipe() {
        if (preMaster != null) {
            Arrays.fill(preMaster, (byte) 0);
        }
        Arrays.fill(random1, (byte) 0);
        Arrays.fill(random2, (byte) 0);
    }

    @Override
    public String toString() {
        return "KeyMethod2Message[" + (fromClient() ? "client" : "server") + ", options " + options
                + ", user " + (username.isEmpty() ? "-" : username) + ", peer-info " + peerInfo.length() + " chars]";
    }
}

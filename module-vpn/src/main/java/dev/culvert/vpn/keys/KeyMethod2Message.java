package dev.culvert.vpn.keys;

import java.util.Arrays;

/**
 * What one peer sends in its key-method-2 message (ssl.c {@code key_method_2_write}): the client
 * sends a 48-byte pre-master secret, both send two 32-byte randoms, then the OCC options string,
 * username, password and peer-info (the server leaves the last three empty).
 *
 * <p>Holds its secrets in arrays it owns; {@link #wipe()} zeroes them once keys are derived, and
 * {@link #wipeCredentials()} zeroes the password as soon as the message is written. A message
 * with {@link Credentials} writes its username and password as 2.6 does with
 * {@code auth-user-pass} (each with its NUL, even when empty); one without writes two empty strings.
 */
public final class KeyMethod2Message {
    public static final int PRE_MASTER_LENGTH = 48;
    public static final int RANDOM_LENGTH = 32;

    private final byte[] preMaster;
    private final byte[] random1;
    private final byte[] random2;
    private final String options;
    private final Credentials credentials;
    private final String peerInfo;

    /**
     * @param preMaster 48 bytes from the client, {@code null} from the server
     * @param username, password, peerInfo empty strings when absent, never {@code null}
     */
    public KeyMethod2Message(byte[] preMaster, byte[] random1, byte[] random2,
                             String options, String username, String password, String peerInfo) {
        this(preMaster, random1, random2, options,
                requireText(username).isEmpty() && requireText(password).isEmpty() ? null : Credentials.of(username, password), peerInfo);
    }

    /**
     * @param credentials what a client with {@code auth-user-pass} sends, owned by the message from
     *                    now on (it wipes them); {@code null} without
     */
    public KeyMethod2Message(byte[] preMaster, byte[] random1, byte[] random2,
                             String options, Credentials credentials, String peerInfo) {
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
        this.credentials = credentials;
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

    /** The username, empty without credentials. */
    public String username() {
        return credentials == null ? "" : credentials.username();
    }

    /** The password as text (a received message's, for the server's check); empty without credentials. */
    public String password() {
        return credentials == null ? "" : new String(credentials.password(), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The credentials to write, not a copy; {@code null} when the message carries none. */
    public Credentials credentials() {
        return credentials;
    }

    /** Zeroes the password; the key exchange needs only the randoms from here on. */
    public void wipeCredentials() {
        if (credentials != null) {
            credentials.wipe();
        }
    }

    /** {@code KEY=VALUE} lines separated by {@code \n}; empty from a server. */
    public String peerInfo() {
        return peerInfo;
    }

    /** Zeroes the pre-master secret, the randoms and the password. */
    public void wipe() {
        wipeCredentials();
        if (preMaster != null) {
            Arrays.fill(preMaster, (byte) 0);
        }
        Arrays.fill(random1, (byte) 0);
        Arrays.fill(random2, (byte) 0);
    }

    @Override
    public String toString() {
        return "KeyMethod2Message[" + (fromClient() ? "client" : "server") + ", options " + options
                + (credentials == null ? "" : ", with credentials") + ", peer-info " + peerInfo.length() + " chars]";
    }
}

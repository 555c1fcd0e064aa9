package dev.culvert.vpn.client;

import dev.culvert.vpn.auth.UserPassAuth;
import dev.culvert.vpn.config.ManagementConfig;
import dev.culvert.vpn.keys.Credentials;
import dev.culvert.vpn.management.ClientTarget;
import dev.culvert.vpn.management.ManagementServer;
import dev.culvert.vpn.management.StateLine;
import dev.culvert.vpn.status.StatusFile;
import java.io.IOException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * A client's management interface ({@code management}, as GUIs and NetworkManager-openvpn drive a
 * 2.6 client): the shared {@link ManagementServer} with this client as its target. The supervisor
 * tells it the client's states in 2.6's names, waits at its hold ({@code management-hold}) before
 * each connection, and, with {@code management-query-passwords}, asks it for the username and
 * password the configuration leaves out. Without {@code management} every call does nothing
 * ({@link #off()}). Nothing here blocks the control strand: the hold and the password answer come
 * back as tasks the supervisor queues.
 */
final class ClientManagement implements ClientTarget, AutoCloseable {
    /** 2.6's UP_TYPE_AUTH, the type of auth-user-pass's query. */
    static final String AUTH = "Auth";
    private static final DateTimeFormatter UPDATED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** Null without {@code management}; set once, at the start. */
    private volatile ManagementServer server;
    private final boolean queryPasswords;
    private volatile ReconnectSupervisor supervisor;
    private volatile ClientDataPath path;
    private volatile UserPassAuth auth;

    private ClientManagement(boolean queryPasswords) {
        this.queryPasswords = queryPasswords;
    }

    /** No management interface. */
    static ClientManagement off() {
        return new ClientManagement(false);
    }

    /**
     * Listens where {@code config} says (a bind failure fails the start, as in 2.6), with the hold
     * flag of {@code management-hold}, and records 2.6's first state, CONNECTING.
     */
    static ClientManagement start(ManagementConfig config) throws IOException {
        ClientManagement m = new ClientManagement(config.queryPasswords());
        byte[] password = config.readPassword();
        try {
            m.server = ManagementServer.start(config.listen(), password, m, config.logCache(), 1);
        } finally {
            if (password != null) {
                Arrays.fill(password, (byte) 0);
            }
        }
        m.server.holdFlag(config.hold());
        m.server.state(StateLine.of("CONNECTING", null));
        return m;
    }

    /** The node's parts the commands reach, once the node is built. */
    void attach(ReconnectSupervisor supervisor, ClientDataPath path, UserPassAuth auth) {
        this.supervisor = supervisor;
        this.path = path;
        this.auth = auth;
    }

    /** Records a state change for {@code state} and {@code >STATE:}. */
    void state(StateLine line) {
        ManagementServer m = server;
        if (m == null) {
            return;
        }
        synchronized (this) {
            // The first reason to exit is the one 2.6 tells (auth-failure, say); the node's close that follows says nothing more.
            if (line.name().equals("EXITING")) {
                if (exiting) {
                    return;
                }
                exiting = true;
            }
        }
        m.state(line);
    }

    private boolean exiting;

    /** Hands a pushed {@code echo} option's text to the echo buffer, as 2.6's management_echo does. */
    void echo(String text) {
        ManagementServer m = server;
        if (m != null) {
            m.echo(text);
        }
    }

    /** The hold before a connection: true if it holds, and {@code released} then runs after {@code hold release}. */
    boolean holdThen(int holdSeconds, Runnable released) {
        ManagementServer m = server;
        return m != null && m.holdThen(holdSeconds, released);
    }

    /** Whether the next connection waits for a management client's username and password. */
    boolean asksCredentials() {
        UserPassAuth a = auth;
        return server != null && queryPasswords && a != null && a.needsAnswer();
    }

    /** Asks for them; {@code answer} hears them on a management thread and owns (wipes) them. */
    void askCredentials(Consumer<Credentials> answer) {
        ManagementServer m = server;
        m.askUserPass(AUTH, given -> {
            try {
                answer.accept(new Credentials(given.username(), given.password()));
            } finally {
                given.wipe();
            }
        });
    }

    /** push.c receive_auth_failed: {@code >PASSWORD:Verification Failed: 'Auth'}, with the server's reason if it gave one. */
    void verificationFailed(String reason) {
        ManagementServer m = server;
        if (m != null) {
            m.verificationFailed(AUTH, reason);
        }
    }

    @Override
    public String title() {
        return StatusFile.defaultTitle();
    }

    /** sig.c print_status: a client's status is this block whatever the version asked for. */
    @Override
    public List<String> status(int version) {
        long[] c = counts();
        return List.of("OpenVPN STATISTICS",
                "Updated," + LocalDateTime.now().format(UPDATED),
                "TUN/TAP read bytes," + c[0],
                "TUN/TAP write bytes," + c[1],
                "TCP/UDP read bytes," + c[2],
                "TCP/UDP write bytes," + c[3],
                "Auth read bytes," + c[2],
                "END");
    }

    @Override
    public LoadStats loadStats() {
        long[] c = counts();
        return new LoadStats(0, c[2], c[3]);
    }

    /** manage.c man_bytecount_output_client: the bytes received from and sent to the network. */
    @Override
    public List<String> bytecount() {
        long[] c = counts();
        return List.of(">BYTECOUNT:" + c[2] + "," + c[3]);
    }

    private long[] counts() {
        ClientDataPath p = path;
        return p == null ? new long[4] : p.byteCounts();
    }

    @Override
    public void reconnect(String why) {
        ReconnectSupervisor s = supervisor;
        if (s != null) {
            s.signalRestart(why);
        }
    }

    @Override
    public void forgetPasswords() {
        UserPassAuth a = auth;
        if (a != null) {
            a.forget();
        }
    }

    /** Stops listening (the node is going away). */
    @Override
    public void close() {
        ManagementServer m = server;
        if (m != null) {
            m.close();
        }
    }
}

package dev.culvert.vpn.management;

import dev.culvert.core.process.ProcessSignals;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * The management interface's socket (manage.c): a TCP address or a unix-domain socket, one client
 * at a time (the next waits in the backlog, as 2.6 serves one), the password first when there is
 * one. It runs on threads of its own (accepting and reading, writing, the byte-count timer), never
 * on the control executor's strands or a data-plane worker, so a slow or silent management client
 * delays nothing else: its output goes through a bounded queue, and lines that do not fit are
 * dropped and counted, then reported to it.
 */
public final class ManagementServer implements AutoCloseable {
    /** 2.6's {@code MANAGEMENT_N_PASSWORD_RETRIES}. */
    static final int PASSWORD_TRIES = 3;
    /** The longest command line read; the rest of a longer one is skipped and refused. */
    static final int MAX_LINE = 4096;
    /** Lines queued for a client that reads slowly before further ones are dropped. */
    static final int OUTPUT_QUEUE = 4096;
    /** 2.6's {@code MANAGEMENT_STATE_BUFFER_SIZE} and {@code MANAGEMENT_ECHO_BUFFER_SIZE}. */
    static final int STATE_HISTORY = 100;
    private static final System.Logger LOG = System.getLogger(ManagementServer.class.getName());
    private static final String END_OF_QUEUE = "\u0000end";
    /** The prompt, written without a line end, as 2.6 does; {@link #drain} knows it. */
    static final String PROMPT = "ENTER PASSWORD:";

    /** Where the interface listens: a TCP address, or a unix-domain socket's path. */
    public record Listen(InetSocketAddress tcp, Path unix) {
        @Override
        public String toString() {
            return unix != null ? unix + " (unix)" : tcp.getAddress().getHostAddress() + ":" + tcp.getPort();
        }
    }

    private final ServerSocketChannel listener;
    private final Listen listen;
    private final byte[] password;
    private final ManagementTarget target;
    private final int statusVersion;
    private final ManagementSession.Signals signals;
    private final History log;
    private final History state = new History(STATE_HISTORY);
    private final History echo = new History(STATE_HISTORY);
    private final LogTap tap;
    private final Thread acceptor;
    private final Thread ticker;
    private volatile ManagementSession current;
    /** management-client-auth's decisions, or null without it. */
    private volatile ClientAuthBroker clientAuth;
    /** The hold flag (management-hold sets it) and the gate a starting node waits at. */
    private final HoldGate hold = new HoldGate(false);
    /** management-query-passwords: the username and password the node waits for. */
    private final PasswordQuery passwords = new PasswordQuery();
    /** The connected client's channel, closed with the interface so that a restart does not leave it talking to a stopped node. */
    private volatile SocketChannel connected;
    private volatile boolean closed;

    private ManagementServer(ServerSocketChannel listener, Listen listen, byte[] password, ManagementTarget target, int logCache,
                             int statusVersion, ManagementSession.Signals signals) {
        this.listener = listener;
        this.listen = listen;
        this.password = password;
        this.target = target;
        this.statusVersion = statusVersion;
        this.signals = signals;
        this.log = new History(logCache);
        this.tap = new LogTap(log);
        this.acceptor = new Thread(this::acceptLoop, "culvert-management");
        this.ticker = new Thread(this::tickLoop, "culvert-management-timer");
    }

    /**
     * Listens at {@code listen} and starts serving. {@code password} (null for none) is copied and
     * wiped on {@link #close}; the log from now on is kept for {@code log}, the last
     * {@code logCache} lines.
     *
     * @throws IOException if the address cannot be bound, naming it
     */
    public static ManagementServer start(Listen listen, byte[] password, ManagementTarget target, int logCache, int statusVersion)
            throws IOException {
        return start(listen, password, target, logCache, statusVersion, null);
    }

    /** As above; with {@code clientAuth} (not null), management-client-auth: see {@link #useClientAuth}. */
    public static ManagementServer start(Listen listen, byte[] password, ManagementTarget target, int logCache, int statusVersion,
                                         ClientAuthBroker clientAuth) throws IOException {
        return start(listen, password, target, logCache, statusVersion, clientAuth, name -> {
            String failed = ProcessSignals.raise(name);
            if (failed != null) {
                LOG.log(System.Logger.Level.WARNING, "management: signal SIG" + name + " could not be raised: " + failed);
            }
        });
    }

    static ManagementServer start(Listen listen, byte[] password, ManagementTarget target, int logCache, int statusVersion,
                                  ClientAuthBroker clientAuth, ManagementSession.Signals signals) throws IOException {
        ServerSocketChannel channel;
        if (listen.unix() != null) {
            // 2.6 replaces a socket file left by an earlier run.
            Files.deleteIfExists(listen.unix());
            channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        } else {
            channel = ServerSocketChannel.open();
            channel.socket().setReuseAddress(true);
        }
        try {
            channel.bind(listen.unix() != null ? UnixDomainSocketAddress.of(listen.unix()) : listen.tcp(), 1);
        } catch (IOException e) {
            channel.close();
            throw new IOException("management: cannot listen on " + listen + ": " + e.getMessage(), e);
        }
        ManagementServer server = new ManagementServer(channel, listen, password == null ? null : password.clone(), target, logCache,
                statusVersion, signals);
        if (clientAuth != null) {
            server.useClientAuth(clientAuth);
        }
        Logger.getLogger("").addHandler(server.tap);
        server.acceptor.setDaemon(true);
        server.ticker.setDaemon(true);
        server.acceptor.start();
        server.ticker.start();
        LOG.log(System.Logger.Level.INFO, "MANAGEMENT: TCP/unix socket listening on " + listen);
        return server;
    }

    /**
     * Turns on {@code management-client-auth}: the clients {@code broker} asks about wait for this
     * interface's client to decide. Announcements reach the management client that is connected
     * (none are kept for a later one, as in 2.6).
     */
    private void useClientAuth(ClientAuthBroker broker) {
        broker.notifyTo(lines -> {
            ManagementSession s = current;
            if (s != null) {
                s.announce(lines);
            }
        });
        clientAuth = broker;
    }

    /**
     * {@code management-hold}: sets the hold flag and, while it is on, waits for a management
     * client's {@code hold release}, telling the connected one (and each that connects) with 2.6's
     * {@code >HOLD} line. Returns false if the interface closed first (the node is stopping).
     */
    public boolean holdUntilReleased() throws InterruptedException {
        hold.flag(true);
        hold.arm(0);
        announce(HoldGate.waitingLine(0));
        LOG.log(System.Logger.Level.INFO, "MANAGEMENT: waiting for 'hold release' (management-hold)");
        while (!closed) {
            if (hold.await(200)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A client's hold (init.c {@code do_hold}): with the hold flag on ({@code management-hold}, or
     * {@code hold on}), announces 2.6's {@code >HOLD:Waiting for hold release:N}, {@code holdSeconds}
     * being the pause the node would make without it, and runs {@code released} once a management
     * client says {@code hold release} (on its connection thread: hand it on). Returns false, running
     * nothing, with the flag off. Never blocks.
     */
    public boolean holdThen(int holdSeconds, Runnable released) {
        if (!hold.flag() || closed) {
            return false;
        }
        hold.arm(holdSeconds).thenRun(released);
        announce(HoldGate.waitingLine(holdSeconds));
        LOG.log(System.Logger.Level.INFO, "MANAGEMENT: waiting for 'hold release' (management-hold)");
        return true;
    }

    /** Sets the hold flag, as {@code management-hold} does at start (a client holds before its first connection). */
    public void holdFlag(boolean on) {
        hold.flag(on);
    }

    /**
     * {@code management-query-passwords}: asks the management client for a username and password of
     * {@code type} ({@code Auth}) with 2.6's {@code >PASSWORD:Need …} line, now and to each client that
     * connects before the answer. {@code answer} hears both once they are in, on a connection thread,
     * and owns the password bytes. Never blocks.
     */
    public void askUserPass(String type, java.util.function.Consumer<UserPass> answer) {
        announce(passwords.ask(type, answer));
    }

    /** 2.6's {@code >PASSWORD:Verification Failed: 'TYPE'} after AUTH_FAILED, with the server's reason in brackets if it gave one. */
    public void verificationFailed(String type, String reason) {
        announce(">PASSWORD:Verification Failed: '" + type + "'" + (reason == null ? "" : " ['" + reason + "']"));
    }

    /** Forgets a username or password given but not yet complete, and ends the query ({@code forget-passwords}, a stop). */
    public void cancelQuery() {
        passwords.clear();
    }

    private void announce(String line) {
        ManagementSession s = current;
        if (s != null) {
            s.announce(java.util.List.of(line));
        }
    }

    /** Records a state change ({@code state}, {@code >STATE:}) in 2.6's layout. */
    public void state(StateLine line) {
        state(line.name(), line.fields());
    }

    /** Records a state change ({@code state}, {@code >STATE:}): 2.6's state name and the rest of its fields. */
    public void state(String name, String fields) {
        state.add(System.currentTimeMillis() / 1000, name + "," + fields);
    }

    /**
     * Adds a line to the echo buffer ({@code echo}, {@code >ECHO:}): what 2.6's management_echo
     * keeps of an {@code echo} option a server pushed, for a GUI to act on.
     */
    public void echo(String text) {
        echo.add(System.currentTimeMillis() / 1000, text);
    }

    /** Where it listens. */
    public Listen listen() {
        return listen;
    }

    /** The bound address (a TCP port of 0 becomes the one the kernel gave). */
    java.net.SocketAddress boundAddress() throws IOException {
        return listener.getLocalAddress();
    }

    private void acceptLoop() {
        while (!closed) {
            try (SocketChannel client = listener.accept()) {
                connected = client;
                if (closed) {
                    return;
                }
                serve(client);
            } catch (IOException | RuntimeException e) {
                if (!closed) {
                    LOG.log(System.Logger.Level.WARNING, "management: connection ended: " + e.getMessage());
                }
            }
        }
    }

    private void serve(SocketChannel client) throws IOException {
        LOG.log(System.Logger.Level.INFO, "MANAGEMENT: Client connected from " + describe(client));
        BlockingQueue<String> queue = new ArrayBlockingQueue<>(OUTPUT_QUEUE);
        AtomicLong dropped = new AtomicLong();
        Thread writer = new Thread(() -> drain(client, queue), "culvert-management-writer");
        writer.setDaemon(true);
        writer.start();
        ManagementSession.Output out = text -> {
            long lost = dropped.get();
            if (lost > 0 && queue.remainingCapacity() > 1 && queue.offer(">INFO:" + lost + " lines dropped: the management client"
                    + " read too slowly")) {
                dropped.addAndGet(-lost);
            }
            if (!queue.offer(text)) {
                dropped.incrementAndGet();
            }
        };
        ManagementSession session = new ManagementSession(target, log, state, echo, signals, out, statusVersion, clientAuth, hold,
                passwords);
        try {
            LineReader in = new LineReader(client);
            if (password != null && !authenticate(in, out)) {
                return;
            }
            // manage.c man_welcome: a client that connects during a hold or a password query hears what the node waits for.
            synchronized (session) {
                current = session;
                out.line(ManagementSession.WELCOME);
                String waitingFor = hold.line() != null ? hold.line() : passwords.announcement();
                if (waitingFor != null) {
                    out.line(waitingFor);
                }
            }
            String line;
            while ((line = in.next()) != null) {
                if (line == LineReader.TOO_LONG) {
                    out.line("ERROR: command too long (at most " + MAX_LINE + " characters)");
                } else if (!session.handle(line)) {
                    break;
                }
            }
        } finally {
            current = null;
            session.detach();
            // What is queued still goes out (the last "ERROR: bad password"); a full queue means a stuck client, which the close ends.
            queue.offer(END_OF_QUEUE);
            try {
                writer.join(TimeUnit.SECONDS.toMillis(2));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            LOG.log(System.Logger.Level.INFO, "MANAGEMENT: Client disconnected");
        }
    }

    /** manage.c man_check_password: three wrong passwords close the connection. */
    private boolean authenticate(LineReader in, ManagementSession.Output out) throws IOException {
        for (int tries = 0; tries < PASSWORD_TRIES; tries++) {
            out.line(PROMPT);
            String line = in.next();
            if (line == null) {
                return false;
            }
            byte[] given = line.getBytes(StandardCharsets.UTF_8);
            boolean ok = MessageDigest.isEqual(given, password);
            Arrays.fill(given, (byte) 0);
            if (ok) {
                out.line("SUCCESS: password is correct");
                return true;
            }
            out.line("ERROR: bad password");
        }
        LOG.log(System.Logger.Level.WARNING, "MAN: client connection rejected after " + PASSWORD_TRIES + " failed password attempts");
        return false;
    }

    private void drain(SocketChannel client, BlockingQueue<String> queue) {
        try {
            while (true) {
                String text = queue.take();
                if (text.equals(END_OF_QUEUE)) {
                    return;
                }
                ByteBuffer bytes = StandardCharsets.UTF_8.encode(text.equals(PROMPT) ? text : text + "\r\n");
                while (bytes.hasRemaining()) {
                    client.write(bytes);
                }
            }
        } catch (IOException | InterruptedException e) {
            // the connection is gone; the reader ends it
        }
    }

    private void tickLoop() {
        long elapsed = 0;
        while (!closed) {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
            elapsed++;
            ManagementSession s = current;
            if (s != null) {
                try {
                    s.tick(elapsed);
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "management: byte counts failed: " + e);
                }
            }
        }
    }

    private static String describe(SocketChannel client) {
        try {
            return String.valueOf(client.getRemoteAddress());
        } catch (IOException e) {
            return "?";
        }
    }

    /** Stops listening, ends the connection, wipes the password and removes a unix socket's file. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        passwords.clear();
        Logger.getLogger("").removeHandler(tap);
        tap.close();
        try {
            listener.close();
        } catch (IOException e) {
            // closing anyway
        }
        SocketChannel client = connected;
        if (client != null) {
            try {
                client.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
        acceptor.interrupt();
        ticker.interrupt();
        if (password != null) {
            Arrays.fill(password, (byte) 0);
        }
        if (listen.unix() != null) {
            try {
                Files.deleteIfExists(listen.unix());
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "management: cannot remove " + listen.unix() + ": " + e.getMessage());
            }
        }
    }

    /** Reads lines of at most {@link #MAX_LINE} characters, LF or CRLF ended; a longer one comes back as {@link #TOO_LONG}. */
    static final class LineReader {
        static final String TOO_LONG = new String("too long");
        private final java.io.InputStream in;
        private final byte[] line = new byte[MAX_LINE];

        LineReader(SocketChannel channel) {
            this.in = new java.io.BufferedInputStream(Channels.newInputStream(channel));
        }

        /** The next line without its end, {@link #TOO_LONG}, or null at the end of the stream. */
        String next() throws IOException {
            int length = 0;
            boolean overflow = false;
            while (true) {
                int b = in.read();
                if (b < 0) {
                    return null;
                }
                if (b == '\n') {
                    if (overflow) {
                        return TOO_LONG;
                    }
                    if (length > 0 && line[length - 1] == '\r') {
                        length--;
                    }
                    return new String(line, 0, length, StandardCharsets.UTF_8);
                }
                if (length == MAX_LINE) {
                    overflow = true;
                } else {
                    line[length++] = (byte) b;
                }
            }
        }
    }
}

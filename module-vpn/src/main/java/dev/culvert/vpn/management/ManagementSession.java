package dev.culvert.vpn.management;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One management client's conversation (manage.c {@code man_dispatch_command}): it reads a
 * command line and writes 2.6's answer, and holds what this client turned on (real-time log and
 * state lines, the byte-count interval). Commands of a client role or of features Culvert does
 * not have answer 2.6's "not supported by the current daemon mode" or "not currently available".
 * Not thread-safe: one connection thread feeds it; {@link #tick} comes from the interface's timer
 * and only reads the interval.
 */
final class ManagementSession {
    /** 2.6's {@code MANAGEMENT_VERSION}. */
    static final int VERSION = 5;
    /** Where lines go: each is written with CRLF, in order, without blocking the caller for long. */
    interface Output {
        void line(String text);
    }

    /** Sends one of 2.6's signals to the process, as {@code kill -SIG} would. */
    interface Signals {
        void raise(String name);
    }

    static final String WELCOME = ">INFO:OpenVPN Management Interface Version " + VERSION + " -- type 'help' for more info";
    private static final Set<String> SIGNALS = Set.of("SIGHUP", "SIGTERM", "SIGUSR1", "SIGUSR2");
    /** Client-role commands: 2.6 answers them so on a server (and a Culvert client those it does not implement). */
    private static final Set<String> CLIENT_COMMANDS = Set.of("auth-retry", "forget-passwords", "needok", "needstr", "password",
            "username", "remote", "remote-entry-count", "remote-entry-get", "proxy", "cr-response", "pkcs11-id-count", "pkcs11-id-get",
            "rsa-sig", "pk-sig", "certificate", "network-change");
    /** Server commands of management-client-auth without it, and of features not implemented yet. */
    private static final Set<String> NOT_AVAILABLE = Set.of("client-auth", "client-auth-nt", "client-deny",
            "client-pending-auth", "env-filter", "nclients", "verb", "mute");
    /** Server commands: 2.6 answers them so on a client, which has no clients to kill or decide about. */
    private static final Set<String> SERVER_COMMANDS = Set.of("kill", "client-kill", "client-auth", "client-auth-nt", "client-deny",
            "client-pending-auth", "nclients");
    /** Lines a client-auth block may hold before END: a client's whole configuration fits in far fewer. */
    static final int MAX_BLOCK_LINES = 256;

    private final ManagementTarget target;
    private final History log;
    private final History state;
    private final History echo;
    private final Signals signals;
    private final Output out;
    private final int defaultStatusVersion;
    private volatile int bytecountSeconds;
    /** The interface's hold flag and gate, shared by its connections. */
    private final HoldGate hold;
    /** management-client-auth's decisions, or null without it. */
    private final ClientAuthBroker clientAuth;
    /** management-query-passwords: the username and password the node waits for, if it does. */
    private final PasswordQuery passwords;
    /** The node's client side, or null on a server. */
    private final ClientTarget client;
    /** The lines of a client-auth block being read until END, or null. */
    private List<String> block;
    private long blockClient;
    private int blockKey;

    ManagementSession(ManagementTarget target, History log, History state, History echo, Signals signals, Output out,
                      int defaultStatusVersion) {
        this(target, log, state, echo, signals, out, defaultStatusVersion, null, new HoldGate(false), new PasswordQuery());
    }

    ManagementSession(ManagementTarget target, History log, History state, History echo, Signals signals, Output out,
                      int defaultStatusVersion, ClientAuthBroker clientAuth, HoldGate hold, PasswordQuery passwords) {
        this.clientAuth = clientAuth;
        this.passwords = passwords;
        this.client = target instanceof ClientTarget c ? c : null;
        this.hold = hold;
        this.target = target;
        this.log = log;
        this.state = state;
        this.echo = echo;
        this.signals = signals;
        // Answers name what the client typed (a quoted word may hold CR or LF): no answer may become two lines.
        this.out = text -> out.line(text.indexOf('\r') < 0 && text.indexOf('\n') < 0 ? text : text.replaceAll("[\r\n]", "?"));
        this.defaultStatusVersion = defaultStatusVersion;
    }

    /** Writes an announcement's lines together, never inside another answer. */
    synchronized void announce(List<String> lines) {
        lines.forEach(out::line);
    }

    /**
     * Handles one line; false when the client said {@code exit} or {@code quit}. Called by the one
     * thread that reads the connection. {@code kill} and {@code client-kill} wait (up to a second)
     * for the notices to leave; they do so outside the lock announcements take, so a client strand
     * that announces never waits for them.
     */
    boolean handle(String line) {
        List<String> p = block == null ? words(line) : null;
        if (target instanceof ServerTarget server && p != null && p.size() >= 2
                && (p.get(0).equals("kill") || p.get(0).equals("client-kill"))) {
            String answer = p.get(0).equals("kill") ? server.kill(p.get(1)) : server.killClient(atoi(p.get(1)), p.size() > 2 ? p.get(2) : null);
            synchronized (this) {
                out.line(answer);
            }
            return true;
        }
        boolean goOn;
        synchronized (this) {
            goOn = dispatch(line);
        }
        // A username and password that are now both in go to the node after the answer, so that its next state follows it.
        passwords.deliver();
        if (reconnectAfterAnswer) {
            reconnectAfterAnswer = false;
            client.reconnect("SIGUSR1");
        }
        return goOn;
    }

    /** Set by {@code signal SIGUSR1} on a client: the node restarts once the answer is written. */
    private boolean reconnectAfterAnswer;

    private boolean dispatch(String line) {
        if (block != null) {
            blockLine(line);
            return true;
        }
        List<String> p = words(line);
        if (p == null) {
            out.line("ERROR: unbalanced quotes");
            return true;
        }
        if (p.isEmpty()) {
            return true;
        }
        String command = p.get(0);
        String arg = p.size() > 1 ? p.get(1) : null;
        if (client != null && SERVER_COMMANDS.contains(command)) {
            serverCommandOnAClient(command, p);
            return true;
        }
        switch (command) {
            case "exit", "quit" -> {
                return false;
            }
            case "help" -> help();
            case "version" -> {
                if (arg == null) {
                    out.line("OpenVPN Version: " + target.title());
                    out.line("Management Version: " + VERSION);
                    out.line("END");
                }
                // 'version N' only tells 2.6 the client's version, and 2.6 answers nothing.
            }
            case "pid" -> out.line("SUCCESS: pid=" + ProcessHandle.current().pid());
            case "load-stats" -> {
                // 2.6 counts the clients a server has (none on a client) and the bytes of the whole process.
                ManagementTarget.LoadStats s = target.loadStats();
                out.line("SUCCESS: nclients=" + s.clients() + ",bytesin=" + s.bytesIn() + ",bytesout=" + s.bytesOut());
            }
            case "status" -> status(arg);
            case "kill", "client-kill" -> needs(command, 1); // with its argument, handled outside the lock
            case "bytecount" -> {
                if (arg == null) {
                    needs(command, 1);
                } else {
                    bytecountSeconds = Math.max(0, atoi(arg));
                    out.line("SUCCESS: bytecount interval changed");
                }
            }
            case "signal" -> {
                if (arg == null) {
                    needs(command, 1);
                } else if (SIGNALS.contains(arg.toUpperCase(Locale.ROOT))) {
                    String name = arg.toUpperCase(Locale.ROOT);
                    if (hold.waiting() && (name.equals("SIGUSR1") || name.equals("SIGHUP"))) {
                        // manage.c management_hold: a restart during the hold would only come back to it.
                        out.line("ERROR: signal '" + arg + "' is currently ignored");
                        String waitingFor = hold.line();
                        if (waitingFor != null) {
                            out.line(waitingFor);
                        }
                    } else if (client != null && name.equals("SIGUSR1")) {
                        out.line("SUCCESS: signal " + name + " thrown");
                        reconnectAfterAnswer = true;
                    } else {
                        out.line("SUCCESS: signal " + name + " thrown");
                        signals.raise(name.substring(3));
                    }
                } else {
                    out.line("ERROR: signal '" + arg + "' is not a known signal type");
                }
            }
            case "log" -> history(p, "log", log, ">LOG:");
            // A bare 'state' shows the current state (manage.c man_dispatch_command), a bare 'log' or 'echo' wants a parameter.
            case "state" -> history(p.size() == 1 ? List.of(command, "1") : p, "state", state, ">STATE:");
            case "echo" -> history(p, "echo", echo, ">ECHO:");
            case "hold" -> hold(arg);
            case "username", "password" -> {
                if (client == null) {
                    out.line("ERROR: The '" + command + "' command is not supported by the current daemon mode");
                } else if (p.size() != 3) {
                    needs(command, 2);
                } else {
                    out.line(command.equals("username") ? passwords.username(arg, p.get(2))
                            : passwords.password(arg, PasswordQuery.bytes(p.get(2))));
                }
            }
            case "forget-passwords" -> {
                if (client == null) {
                    out.line("ERROR: The '" + command + "' command is not supported by the current daemon mode");
                } else {
                    client.forgetPasswords();
                    out.line("SUCCESS: Passwords were forgotten");
                }
            }
            case "needok", "needstr" -> {
                if (client == null) {
                    out.line("ERROR: The '" + command + "' command is not supported by the current daemon mode");
                } else if (p.size() != 3) {
                    needs(command, 2);
                } else {
                    out.line("ERROR: no " + (command.equals("needok") ? "needok-confirmation" : "needstr-string")
                            + " is currently needed at this time");
                }
            }
            case "client-auth", "client-auth-nt", "client-deny" -> {
                if (clientAuth == null) {
                    out.line("ERROR: The " + command + " command is not currently available");
                } else {
                    clientAuth(command, p);
                }
            }
            default -> {
                if (CLIENT_COMMANDS.contains(command)) {
                    out.line("ERROR: The '" + command + "' command is not supported by the current daemon mode");
                } else if (NOT_AVAILABLE.contains(command)) {
                    out.line("ERROR: The " + command + " command is not currently available");
                } else {
                    out.line("ERROR: unknown command, enter 'help' for more options");
                }
            }
        }
        return true;
    }

    /**
     * A server's command on a client: 2.6 checks the parameters, then answers that the mode does not
     * support it; {@code client-auth} first reads its block up to END, as 2.6 does.
     */
    private void serverCommandOnAClient(String command, List<String> p) {
        int need = switch (command) {
            case "kill", "client-kill" -> 1;
            case "client-auth", "client-auth-nt" -> 2;
            case "client-deny" -> 3;
            case "client-pending-auth" -> 4;
            default -> 0;
        };
        boolean atLeast = command.equals("client-kill") || command.equals("client-deny");
        int given = p.size() - 1;
        if (atLeast ? given < need : given != need) {
            needs(command, need);
        } else if (command.equals("client-auth")) {
            block = new ArrayList<>();
        } else {
            unsupported(command);
        }
    }

    private void unsupported(String command) {
        out.line("ERROR: The '" + command + "' command is not supported by the current daemon mode");
    }

    /** client-auth CID KID (lines, then END), client-auth-nt CID KID, client-deny CID KID REASON [CLIENT-REASON]. */
    private void clientAuth(String command, List<String> p) {
        if (p.size() < 3 || (command.equals("client-deny") && p.size() < 4)) {
            needs(command, command.equals("client-deny") ? 3 : 2);
            return;
        }
        long cid = atoi(p.get(1));
        int kid = atoi(p.get(2));
        switch (command) {
            case "client-auth" -> {
                block = new ArrayList<>();
                blockClient = cid;
                blockKey = kid;
            }
            case "client-auth-nt" -> out.line(clientAuth.authorize(cid, kid, List.of()));
            default -> out.line(clientAuth.deny(cid, kid, p.get(3), p.size() > 4 ? printableReason(p.get(4)) : null));
        }
    }

    private void blockLine(String line) {
        if (!line.strip().equals("END")) {
            if (block.size() < MAX_BLOCK_LINES) {
                block.add(line);
                return;
            }
            block = null;
            out.line("ERROR: client-auth: more than " + MAX_BLOCK_LINES + " lines before END");
            return;
        }
        List<String> lines = block;
        block = null;
        if (client != null) {
            unsupported("client-auth");
            return;
        }
        out.line(clientAuth.authorize(blockClient, blockKey, lines));
    }

    /** A client reason goes into a control message: printable ASCII, bounded, or none. */
    private static String printableReason(String reason) {
        return reason.length() <= 256 && reason.chars().allMatch(c -> c >= 0x20 && c < 0x7f)
                ? reason : null;
    }

    private void status(String arg) {
        int version = arg == null ? defaultStatusVersion : atoi(arg);
        if (version == 0) {
            version = defaultStatusVersion;
        }
        if (client == null && (version < 1 || version > 3)) {
            out.line("ERROR: bad status format version number");
            return;
        }
        target.status(version).forEach(out::line);
    }

    /** manage.c man_history: 'on'/'off' switch real-time lines, 'all' or N print the history; 'on all' does both at once. */
    private void history(List<String> p, String type, History history, String prefix) {
        if (p.size() < 2) {
            needs(p.get(0), 1);
            return;
        }
        for (int i = 1; i < p.size() && i < 3; i++) {
            String parm = p.get(i);
            switch (parm) {
                case "on" -> {
                    history.listen(e -> out.line(prefix + e.format()));
                    out.line("SUCCESS: real-time " + type + " notification set to ON");
                }
                case "off" -> {
                    history.listen(null);
                    out.line("SUCCESS: real-time " + type + " notification set to OFF");
                }
                default -> {
                    int n = parm.equals("all") ? 0 : atoi(parm);
                    if (!parm.equals("all") && n <= 0) {
                        out.line("ERROR: " + type + " parameter must be 'on' or 'off' or some number n or 'all'");
                        return;
                    }
                    for (History.Entry e : history.last(n)) {
                        out.line(e.format());
                    }
                    out.line("END");
                }
            }
        }
    }

    /** A server runs without a hold: the flag is kept for the client to read, and a release has nothing to release. */
    private void hold(String arg) {
        if (arg == null) {
            out.line("SUCCESS: hold=" + (hold.flag() ? 1 : 0));
            return;
        }
        switch (arg) {
            case "on" -> {
                hold.flag(true);
                out.line("SUCCESS: hold flag set to ON");
            }
            case "off" -> {
                hold.flag(false);
                out.line("SUCCESS: hold flag set to OFF");
            }
            case "release" -> {
                hold.release();
                out.line("SUCCESS: hold release succeeded");
            }
            default -> out.line("ERROR: bad hold command parameter");
        }
    }

    /** The byte-count notifications, if this client asked for them and {@code elapsedSeconds} is a multiple of its interval. */
    void tick(long elapsedSeconds) {
        int every = bytecountSeconds;
        if (every <= 0 || elapsedSeconds % every != 0) {
            return;
        }
        target.bytecount().forEach(out::line);
    }

    /** Stops the real-time lines this client turned on. */
    void detach() {
        log.listen(null);
        state.listen(null);
        echo.listen(null);
        bytecountSeconds = 0;
    }

    private void needs(String command, int count) {
        out.line("ERROR: the '" + command + "' command requires " + count + " parameter" + (count == 1 ? "" : "s"));
    }

    private void help() {
        List.of("Management Interface for " + target.title(),
                "Commands:",
                "bytecount n            : Show bytes in/out, update every n secs (0=off).",
                "echo [on|off] [N|all]  : Like log, but only show messages in echo buffer.",
                "exit|quit              : Close management session.",
                "help                   : Print this message.",
                "hold [on|off|release]  : Set/show hold flag to on/off state, or",
                "                         release current hold and start tunnel.",
                "kill cn                : Kill the client instance(s) having common name cn.",
                "kill IP:port           : Kill the client instance connecting from IP:port.",
                "load-stats             : Show global server load stats.",
                "log [on|off] [N|all]   : Turn on/off realtime log display",
                "                         + show last N lines or 'all' for entire history.",
                "pid                    : Show process ID of the current OpenVPN process.",
                "signal s               : Send signal s to daemon,",
                "                         s = SIGHUP|SIGTERM|SIGUSR1|SIGUSR2.",
                "state [on|off] [N|all] : Like log, but show state history.",
                "status [n]             : Show current daemon status info using format #n.",
                "version [n]            : Set client's version to n or show current version of daemon.",
                "END").forEach(out::line);
    }

    /** 2.6's atoi: the leading digits, 0 without any. */
    static int atoi(String s) {
        int i = 0;
        long v = 0;
        boolean negative = i < s.length() && s.charAt(i) == '-';
        if (negative) {
            i++;
        }
        for (; i < s.length() && Character.isDigit(s.charAt(i)) && v < Integer.MAX_VALUE; i++) {
            v = v * 10 + (s.charAt(i) - '0');
        }
        v = Math.min(v, Integer.MAX_VALUE);
        return (int) (negative ? -v : v);
    }

    /**
     * The line's words as 2.6's {@code parse_line} splits a command: at white space; a word in
     * double quotes is taken whole, and a backslash before {@code \\}, {@code "} or white space
     * (inside quotes or not) stands for that character; a word in single quotes is taken as it is;
     * {@code #} or {@code ;} where a word would start begins a comment. Null for an unclosed quote or
     * a backslash before anything else, which 2.6 refuses too.
     */
    static List<String> words(String text) {
        int nul = text.indexOf('\0');
        String line = nul < 0 ? text : text.substring(0, nul); // 2.6 reads a C string
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        int state = 0; // 0 between words, 1 in "…", 2 unquoted, 4 in '…'
        boolean backslash = false;
        for (int i = 0; i <= line.length(); i++) {
            char in = i < line.length() ? line.charAt(i) : 0;
            boolean space = in == 0 || Character.isWhitespace(in);
            char out = 0;
            boolean done = false;
            if (!backslash && in == '\\' && state != 4) {
                backslash = true;
                continue;
            }
            switch (state) {
                case 0 -> {
                    if (!space) {
                        if (in == ';' || in == '#') {
                            return words;
                        }
                        if (!backslash && in == '"') {
                            state = 1;
                        } else if (!backslash && in == '\'') {
                            state = 4;
                        } else {
                            out = in;
                            state = 2;
                        }
                    }
                }
                case 2 -> {
                    if (!backslash && space) {
                        done = true;
                    } else {
                        out = in;
                    }
                }
                case 1 -> {
                    if (!backslash && in == '"') {
                        done = true;
                    } else {
                        out = in;
                    }
                }
                default -> {
                    if (in == '\'') {
                        done = true;
                    } else {
                        out = in;
                    }
                }
            }
            if (done) {
                words.add(word.toString());
                word.setLength(0);
                state = 0;
            }
            if (backslash && out != 0 && !(out == '\\' || out == '"' || Character.isWhitespace(out))) {
                return null;
            }
            backslash = false;
            if (out != 0) {
                word.append(out);
            }
            if (in == 0 && state != 0) {
                return null; // the end came inside quotes
            }
        }
        return words;
    }
}

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
    /** Client-role commands: 2.6 answers them so on a server. */
    private static final Set<String> CLIENT_COMMANDS = Set.of("auth-retry", "forget-passwords", "needok", "needstr", "password",
            "username", "remote", "remote-entry-count", "remote-entry-get", "proxy", "cr-response", "pkcs11-id-count", "pkcs11-id-get",
            "rsa-sig", "pk-sig", "certificate", "network-change");
    /** Server commands of management-client-auth without it, and of features not implemented yet. */
    private static final Set<String> NOT_AVAILABLE = Set.of("client-auth", "client-auth-nt", "client-deny",
            "client-pending-auth", "env-filter", "nclients", "verb", "mute");
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
    /** The lines of a client-auth block being read until END, or null. */
    private List<String> block;
    private long blockClient;
    private int blockKey;

    ManagementSession(ManagementTarget target, History log, History state, History echo, Signals signals, Output out,
                      int defaultStatusVersion) {
        this(target, log, state, echo, signals, out, defaultStatusVersion, null, new HoldGate(false));
    }

    ManagementSession(ManagementTarget target, History log, History state, History echo, Signals signals, Output out,
                      int defaultStatusVersion, ClientAuthBroker clientAuth, HoldGate hold) {
        this.clientAuth = clientAuth;
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
        if (p != null && p.size() >= 2 && (p.get(0).equals("kill") || p.get(0).equals("client-kill"))) {
            String answer = p.get(0).equals("kill") ? target.kill(p.get(1)) : target.killClient(atoi(p.get(1)), p.size() > 2 ? p.get(2) : null);
            synchronized (this) {
                out.line(answer);
            }
            return true;
        }
        synchronized (this) {
            return dispatch(line);
        }
    }

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
                    out.line("SUCCESS: signal " + name + " thrown");
                    signals.raise(name.substring(3));
                } else {
                    out.line("ERROR: signal '" + arg + "' is not a known signal type");
                }
            }
            case "log" -> history(p, "log", log, ">LOG:");
            // A bare 'state' shows the current state (manage.c man_dispatch_command), a bare 'log' or 'echo' wants a parameter.
            case "state" -> history(p.size() == 1 ? List.of(command, "1") : p, "state", state, ">STATE:");
            case "echo" -> history(p, "echo", echo, ">ECHO:");
            case "hold" -> hold(arg);
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
        if (version < 1 || version > 3) {
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
        for (ManagementTarget.ClientBytes c : target.clientBytes()) {
            out.line(">BYTECOUNT_CLI:" + c.clientId() + "," + c.bytesIn() + "," + c.bytesOut());
        }
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

    /** The line's words, split at white space, a double-quoted word taken whole; null for an unclosed quote. */
    static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"') {
                    quoted = false;
                } else if (c == '\\' && i + 1 < line.length()) {
                    word.append(line.charAt(++i));
                } else {
                    word.append(c);
                }
            } else if (c == '"') {
                quoted = true;
                word = word == null ? new StringBuilder() : word;
            } else if (Character.isWhitespace(c)) {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
            } else {
                word = word == null ? new StringBuilder() : word;
                word.append(c);
            }
        }
        if (quoted) {
            return null;
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }
}

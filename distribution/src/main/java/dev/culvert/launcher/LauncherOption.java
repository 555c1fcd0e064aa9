package dev.culvert.launcher;

import java.io.PrintStream;

/**
 * Every option {@code bin/culvert} takes, with what it does: the parser accepts exactly these and
 * {@code --help} prints exactly these, so the two cannot drift apart.
 */
enum LauncherOption {
    CONFIG("--config", "FILE", "run the node FILE describes (an OpenVPN 2.6 configuration); the Gogo shell on the"
            + " terminal if there is one"),
    CHECK("--check", "FILE", "check FILE as --config would read it, short of opening devices and sockets: every"
            + " directive taken by an installed module, the role's own checks (files it names readable, keys and"
            + " certificates parsed, directives that do not go together); then exit"),
    NO_CONFIG("--no-config", null, "run a node with no configuration: the Gogo shell on the terminal, to explore, swap and"
            + " self-test"),
    NO_SHELL("--no-shell", null, "no Gogo shell even on a terminal (services, scripts)"),
    SHELL("--shell", null, "the Gogo shell on standard input even when it is not a terminal (a script or test"
            + " types culvert:swap and culvert:sessions into a running node)"),
    DEMO("--demo", "[PACKETS]", "the demo: packets through two stacks on virtual links with compressors swapped,"
            + " then an OpenVPN tunnel in-process; no root needed; then exit"),
    GENKEY("--genkey", "TYPE [FILE [METADATA]]", "write a new OpenVPN 2.6 key to FILE (standard output without one), as"
            + " 'openvpn --genkey' does; TYPE is secret, tls-crypt, tls-auth, tls-crypt-v2-server or tls-crypt-v2-client"
            + " (with --tls-crypt-v2, and METADATA, base64, instead of the time now); then exit"),
    TLS_CRYPT_V2("--tls-crypt-v2", "FILE", "the tls-crypt-v2 server key that --genkey tls-crypt-v2-client wraps the new client"
            + " key with"),
    HOME("--home", "DIR", "the distribution directory, if not started by bin/culvert"),
    VERSION("--version", null, "print Culvert's version, the Java running it, and every bundle with its version"),
    HELP("--help", null, "print this help");

    final String flag;
    final String argument;
    final String help;

    LauncherOption(String flag, String argument, String help) {
        this.flag = flag;
        this.argument = argument;
        this.help = help;
    }

    /** The option written as {@code flag} ({@code -h} is {@code --help}), or null. */
    static LauncherOption of(String flag) {
        if (flag.equals("-h")) {
            return HELP;
        }
        for (LauncherOption o : values()) {
            if (o.flag.equals(flag)) {
                return o;
            }
        }
        return null;
    }

    static void printUsageLine(PrintStream out) {
        out.println("usage: culvert --config FILE | --check FILE | --no-config | --demo [PACKETS] | --genkey TYPE [FILE] | --version | --help");
    }

    static void printHelp(PrintStream out) {
        printUsageLine(out);
        out.println();
        out.println("options:");
        for (LauncherOption o : values()) {
            String left = o.flag + (o.argument == null ? "" : " " + o.argument);
            out.printf("  %-20s %s%n", left, o.help);
        }
        out.println();
        out.println("signals (as OpenVPN 2.6): SIGHUP re-reads the configuration and restarts the node; SIGUSR1 restarts it");
        out.println("  with the configuration it runs; SIGUSR2 writes its status to the log; SIGTERM and SIGINT stop it");
        out.println("  cleanly (clients told with explicit-exit-notify) and exit with 0.");
        out.println();
        out.println("exit codes: " + ExitCode.describeAll());
        out.println("environment: JAVA_HOME (a JDK 21+; else one is searched for), CULVERT_JAVA_OPTS (JVM options, e.g.");
        out.println("  -Xmx256m), CULVERT_WORK (the work directory for the framework cache, default work/ in the");
        out.println("  distribution: set it when the install is read-only or the node runs as another user; the systemd");
        out.println("  unit sets /var/lib/culvert/NAME), CULVERT_TMPDIR (where native libraries unpack, when /tmp is noexec),");
        out.println("  CULVERT_HEAP (the heap's ceiling, default 256m), CULVERT_AOT_DIR (where the start-up cache is kept,");
        out.println("  default work/ in the distribution; CULVERT_AOT=off: none); see docs/FOOTPRINT.md");
        out.println();
        out.println("process directives in the configuration: 'daemon' detaches after the node runs (this command exits 0");
        out.println("  then, or with the node's failure); 'writepid FILE' holds the node's pid while it runs; 'cd DIR' takes");
        out.println("  relative file names from DIR; 'chroot' is refused (use the systemd unit's sandbox)");
    }
}

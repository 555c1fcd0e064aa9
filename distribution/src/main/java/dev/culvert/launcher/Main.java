package dev.culvert.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;

/**
 * {@code bin/culvert}: runs a Culvert node. {@code --help} lists the options ({@link LauncherOption})
 * and the exit codes ({@link ExitCode}); {@link OperatorSignals} handles OpenVPN's signals.
 */
public final class Main {
    static final String KERNEL = "dev.culvert.core.embed.Kernel";
    static final String COMMANDS = "dev.culvert.core.osgi.ShellCommands";
    static final String VPN_DEMO = "dev.culvert.vpn.demo.VirtualTunnelDemo";
    static final long SERVICE_WAIT_MS = 30_000;
    /** Gogo's prompt, which log lines must not overwrite ({@link SharedTerminal}). */
    static final String GOGO_PROMPT = "g! ";
    /** The node's own lines share the log's format and stream ({@link StdoutLogHandler}) with the bundles' lines. */
    private static final System.Logger LOG = System.getLogger(Main.class.getName());

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        DaemonChild child = DaemonChild.fromEnvironment();
        if (child == null) {
            System.exit(run(args, System.out, System.err, null));
        }
        int status = run(args, System.out, child.tee(System.err), child);
        child.failed(status);
        System.exit(status);
    }

    static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        return run(args, out, err, null);
    }

    /** {@code daemonChild}: this launcher is the detached side of {@code daemon}, to report to its parent; else null. */
    static int run(String[] args, PrintStream out, PrintStream err, DaemonChild daemonChild) throws Exception {
        String config = null;
        String home = System.getProperty("culvert.home");
        boolean shell = System.console() != null;
        boolean checkOnly = false;
        boolean idle = false;
        int demoPackets = -1;
        String genkeyType = null;
        String genkeyFile = null;
        String genkeyMetadata = null;
        String tlsCryptV2ServerKey = null;
        if (args.length == 0) {
            err.println("culvert: nothing to do: give --config FILE to run a node, --no-config for a node without one, or --demo");
            LauncherOption.printHelp(err);
            return ExitCode.BAD_USAGE_OR_CONFIG.status;
        }
        for (int i = 0; i < args.length; i++) {
            LauncherOption option = LauncherOption.of(args[i]);
            if (option == null) {
                return usage(err, "unknown argument " + args[i]);
            }
            switch (option) {
                case CONFIG, CHECK -> {
                    if (i + 1 >= args.length) {
                        return usage(err, args[i] + " needs a file");
                    }
                    checkOnly = option == LauncherOption.CHECK;
                    config = args[++i];
                }
                case HOME -> {
                    if (i + 1 >= args.length) {
                        return usage(err, "--home needs a directory");
                    }
                    home = args[++i];
                }
                case NO_CONFIG -> idle = true;
                case NO_SHELL -> shell = false;
                case SHELL -> shell = true;
                case DEMO -> {
                    demoPackets = 200_000;
                    if (i + 1 < args.length && args[i + 1].matches("\\d{1,9}")) {
                        demoPackets = Integer.parseInt(args[++i]);
                    }
                    shell = false;
                }
                case GENKEY -> {
                    if (i + 1 >= args.length) {
                        return usage(err, "--genkey needs a key type: " + String.join(", ", StaticKeyFile.ALL_TYPES));
                    }
                    genkeyType = args[++i];
                    genkeyFile = i + 1 < args.length && !args[i + 1].startsWith("--") ? args[++i] : null;
                    if (genkeyType.equals(TlsCryptV2KeyFile.CLIENT_TYPE) && genkeyFile != null && i + 1 < args.length
                            && !args[i + 1].startsWith("--")) {
                        genkeyMetadata = args[++i];
                    }
                }
                case TLS_CRYPT_V2 -> {
                    if (i + 1 >= args.length) {
                        return usage(err, "--tls-crypt-v2 needs the server key's file");
                    }
                    tlsCryptV2ServerKey = args[++i];
                }
                case VERSION -> {
                    if (home == null) {
                        return usage(err, "the distribution directory is unknown: run bin/culvert, or pass --home DIR first");
                    }
                    VersionReport.lines(Path.of(home)).forEach(out::println);
                    return ExitCode.OK.status;
                }
                case HELP -> {
                    LauncherOption.printHelp(out);
                    return ExitCode.OK.status;
                }
            }
        }
        if (genkeyType != null) {
            if (config != null || idle || demoPackets > 0) {
                return usage(err, "--genkey goes alone (with --tls-crypt-v2 for a tls-crypt-v2 client key)");
            }
            return genkey(genkeyType, genkeyFile, genkeyMetadata, tlsCryptV2ServerKey, out, err);
        }
        if (tlsCryptV2ServerKey != null) {
            return usage(err, "--tls-crypt-v2 on the command line only names the server key for --genkey " + TlsCryptV2KeyFile.CLIENT_TYPE
                    + "; a node's own tls-crypt-v2 key goes in its configuration");
        }
        if (idle && (config != null || demoPackets > 0)) {
            return usage(err, "--no-config does not go with --config, --check or --demo");
        }
        if (home == null) {
            return usage(err, "the distribution directory is unknown: run bin/culvert, or pass --home DIR");
        }
        // The kernel takes daemon and writepid only from a process owner that acts on them
        // (ProcessDirectives.LAUNCHER_PROPERTY); this launcher does.
        System.setProperty("culvert.launcher", "true");
        FelixHost host;
        PrintStream[] shellStreams;
        try {
            // Before the framework starts, so that the shell's output stream is this one.
            SharedTerminal terminal = shell ? SharedTerminal.installAsStdout(GOGO_PROMPT) : null;
            shellStreams = new PrintStream[] {System.out, System.err};
            host = FelixHost.start(Path.of(home), shell);
            if (terminal != null) {
                StdoutLogHandler.shareTerminalWith(terminal);
            }
        } catch (Exception e) {
            err.println("culvert: the node failed to start: " + e.getMessage());
            return ExitCode.START_FAILED.status;
        }
        PidFile pidFile = null;
        try {
            Object kernel = host.service(KERNEL, SERVICE_WAIT_MS);
            Map<String, String> process = config == null || checkOnly ? Map.of() : processOptions(kernel, config);
            if (process.containsKey("daemon") && daemonChild == null) {
                host.close();
                return DaemonParent.detach(Path.of(home), args, out, err);
            }
            if (config != null) {
                if (checkOnly) {
                    @SuppressWarnings("unchecked")
                    List<String> problems = (List<String>) FelixHost.call(kernel, "checkNode", config);
                    if (!problems.isEmpty()) {
                        return refused(err, config, problems);
                    }
                    out.println("culvert: " + config + ": every directive is claimed by an installed module, and one runs it");
                    return ExitCode.OK.status;
                }
                ExitCode started = runConfig(kernel, config, err);
                if (started != null) {
                    return started.status;
                }
                LOG.log(System.Logger.Level.INFO, "running " + config);
                if (process.containsKey("writepid")) {
                    try {
                        pidFile = PidFile.write(Path.of(process.get("writepid")));
                    } catch (IOException e) {
                        err.println("culvert: writepid " + process.get("writepid") + ": cannot write it (" + e
                                + "); fix: name a file in a directory the node's user may write");
                        return ExitCode.START_FAILED.status;
                    }
                }
            }
            if (demoPackets > 0) {
                return demo(host, demoPackets, out);
            }
            String configFile = config;
            OperatorSignals signals = OperatorSignals.install(new SignalledNode(host, kernel, configFile, err), config != null);
            LOG.log(System.Logger.Level.INFO, "node running with " + host.bundles().size() + " bundles; "
                    + (shell ? "type 'culvert:status' or 'stop 0'" : "stop it with SIGTERM"));
            if (shell) {
                ShellConsole.start(host, GOGO_PROMPT, System.in, shellStreams[0], shellStreams[1]);
            }
            PidFile written = pidFile;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    host.close();
                } catch (Exception e) {
                    // the JVM is going down regardless
                }
                if (written != null) {
                    written.remove();
                }
            }));
            if (daemonChild != null) {
                daemonChild.running();
            }
            ServiceManager.ready(kernel, config == null ? "running with no configuration" : "running " + config);
            int framework = host.waitForStop();
            ExitCode bySignal = signals.exitCode();
            signals.close();
            return bySignal != null ? bySignal.status : framework;
        } finally {
            host.close();
            if (pidFile != null) {
                pidFile.remove();
            }
        }
    }

    /** The configuration's process options ({@code daemon}, {@code writepid}) that the launcher acts on. */
    @SuppressWarnings("unchecked")
    private static Map<String, String> processOptions(Object kernel, String config) throws Exception {
        return (Map<String, String>) FelixHost.call(kernel, "processOptions", config);
    }

    /** Runs the configuration; null when the node runs, else the exit code, with the reason printed. */
    static ExitCode runConfig(Object kernel, String config, PrintStream err) throws Exception {
        try {
            @SuppressWarnings("unchecked")
            List<String> problems = (List<String>) FelixHost.call(kernel, "runConfig", config);
            if (!problems.isEmpty()) {
                refused(err, config, problems);
                return ExitCode.BAD_USAGE_OR_CONFIG;
            }
            return null;
        } catch (IOException e) {
            err.println("culvert: " + config + ": " + e.getMessage());
            return ExitCode.START_FAILED;
        }
    }

    private static int refused(PrintStream err, String config, List<String> problems) {
        err.println("culvert: " + config + " cannot be used:");
        problems.forEach(p -> err.println("  " + p));
        return ExitCode.BAD_USAGE_OR_CONFIG.status;
    }

    private static int demo(FelixHost host, int packets, PrintStream out) throws Exception {
        Object commands = host.service(COMMANDS, SERVICE_WAIT_MS);
        out.println("Culvert demo: two stacks joined by a virtual cable inside one OSGi node (no root needed).");
        out.println("Bundles: " + host.describeBundles());
        out.println();
        out.println(FelixHost.call(commands, "status"));
        int swapEvery = Math.max(1, packets / 40);
        out.println("Sending " + packets + " IPv4 packets from stack a to stack b, swapping the compressor every "
                + swapEvery + " packets (lz4 -> snappy -> none -> ...):");
        long start = System.nanoTime();
        String report = (String) FelixHost.call(commands, "selftest", packets, swapEvery);
        double seconds = (System.nanoTime() - start) / 1e9;
        out.println(report);
        out.printf("%.1f s, %.0f packets/s through both stacks%n", seconds, packets / seconds);
        boolean perfect = report.contains("=> nothing lost");
        out.println(perfect ? "Demo passed: every packet arrived intact and in order across the swaps."
                : "Demo FAILED: packets were lost or damaged (see the counters above).");
        boolean tunnel = true;
        Object vpnDemo = host.optionalService(VPN_DEMO);
        if (vpnDemo != null) {
            out.println();
            out.println("An OpenVPN 2.6 tunnel between a Culvert client and a Culvert server in this process (module-vpn,"
                    + " TLS from the tls slot, a demo-only PKI):");
            String tunnelReport = (String) FelixHost.call(vpnDemo, "run", 5);
            out.print(tunnelReport);
            tunnel = tunnelReport.contains("=> tunnel up");
            out.println(tunnel ? "Tunnel demo passed: the in-process Culvert client and server exchanged pings."
                    : "Tunnel demo FAILED (see above).");
        }
        return (perfect && tunnel ? ExitCode.OK : ExitCode.DEMO_FAILED).status;
    }

    private static int genkey(String type, String file, String metadata, String serverKey, PrintStream out, PrintStream err) {
        String refusal = StaticKeyFile.refusal(type);
        if (refusal != null) {
            err.println("culvert: " + refusal);
            return ExitCode.BAD_USAGE_OR_CONFIG.status;
        }
        boolean client = type.equals(TlsCryptV2KeyFile.CLIENT_TYPE);
        if (client && serverKey == null) {
            return usage(err, "--genkey " + type + " wraps the new key with the server's: add --tls-crypt-v2 SERVER-KEY-FILE");
        }
        if (!client && serverKey != null) {
            return usage(err, "--tls-crypt-v2 goes only with --genkey " + TlsCryptV2KeyFile.CLIENT_TYPE);
        }
        String text;
        try {
            SecureRandom random = new SecureRandom();
            text = client ? TlsCryptV2KeyFile.clientKey(Path.of(serverKey), metadata, System.currentTimeMillis() / 1000, random)
                    : type.equals(TlsCryptV2KeyFile.SERVER_TYPE) ? TlsCryptV2KeyFile.serverKey(random) : StaticKeyFile.generate();
        } catch (IOException e) {
            err.println("culvert: --genkey: cannot read the server key " + serverKey + ": " + e + "; fix: check the path and that it is readable");
            return ExitCode.BAD_USAGE_OR_CONFIG.status;
        } catch (IllegalArgumentException e) {
            err.println("culvert: --genkey " + type + ": " + e.getMessage());
            return ExitCode.BAD_USAGE_OR_CONFIG.status;
        }
        if (file == null) {
            out.print(text);
            return ExitCode.OK.status;
        }
        try {
            StaticKeyFile.write(Path.of(file), text);
            return ExitCode.OK.status;
        } catch (IOException | RuntimeException e) {
            err.println("culvert: --genkey: cannot write " + file + ": " + e + "; fix: name a file in a directory you may write");
            return ExitCode.START_FAILED.status;
        }
    }

    private static int usage(PrintStream stream, String problem) {
        stream.println("culvert: " + problem);
        LauncherOption.printUsageLine(stream);
        return ExitCode.BAD_USAGE_OR_CONFIG.status;
    }
}

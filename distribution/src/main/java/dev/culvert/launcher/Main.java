package dev.culvert.launcher;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code bin/culvert}: runs a Culvert node.
 *
 * <pre>
 * culvert [--config FILE] [--home DIR] [--no-shell]   run a node (Gogo shell on the terminal if there is one)
 * culvert --check FILE                                check a configuration and exit
 * culvert --demo [PACKETS]                            the demo: traffic through two stacks on virtual links,
 *                                                     compressors swapped live, counters printed; then exit
 * </pre>
 *
 * Exit codes: 0 ok, 1 the demo lost packets, 2 bad configuration or usage, 3 the node failed to start.
 */
public final class Main {
    static final String KERNEL = "dev.culvert.core.embed.Kernel";
    static final String COMMANDS = "dev.culvert.core.osgi.ShellCommands";
    static final String VPN_DEMO = "dev.culvert.vpn.demo.VirtualTunnelDemo";
    static final long SERVICE_WAIT_MS = 30_000;

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        String config = null;
        String home = System.getProperty("culvert.home");
        boolean shell = System.console() != null;
        boolean checkOnly = false;
        int demoPackets = -1;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--config", "--check" -> {
                    if (i + 1 >= args.length) {
                        return usage(err, args[i] + " needs a file");
                    }
                    checkOnly = args[i].equals("--check");
                    config = args[++i];
                }
                case "--home" -> {
                    if (i + 1 >= args.length) {
                        return usage(err, "--home needs a directory");
                    }
                    home = args[++i];
                }
                case "--no-shell" -> shell = false;
                case "--demo" -> {
                    demoPackets = 200_000;
                    if (i + 1 < args.length && args[i + 1].matches("\\d{1,9}")) {
                        demoPackets = Integer.parseInt(args[++i]);
                    }
                    shell = false;
                }
                case "-h", "--help" -> {
                    usage(out, null);
                    return 0;
                }
                default -> {
                    return usage(err, "unknown argument " + args[i]);
                }
            }
        }
        if (home == null) {
            return usage(err, "the distribution directory is unknown: run bin/culvert, or pass --home DIR");
        }
        FelixHost host;
        try {
            host = FelixHost.start(Path.of(home), shell);
        } catch (Exception e) {
            err.println("culvert: the node failed to start: " + e.getMessage());
            return 3;
        }
        try {
            Object kernel = host.service(KERNEL, SERVICE_WAIT_MS);
            if (config != null) {
                @SuppressWarnings("unchecked")
                List<String> problems = (List<String>) FelixHost.call(kernel, checkOnly ? "checkConfig" : "runConfig", config);
                if (!problems.isEmpty()) {
                    err.println("culvert: " + config + " cannot be used:");
                    problems.forEach(p -> err.println("  " + p));
                    return 2;
                }
                if (checkOnly) {
                    out.println("culvert: " + config + ": every directive is claimed by an installed module");
                    return 0;
                }
                out.println("culvert: running " + config);
            }
            if (demoPackets > 0) {
                return demo(host, demoPackets, out);
            }
            out.println("culvert: node running with " + host.bundles().size() + " bundles; "
                    + (shell ? "type 'culvert:status' or 'stop 0'" : "stop it with SIGTERM"));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    host.close();
                } catch (Exception e) {
                    // the JVM is going down regardless
                }
            }));
            return host.waitForStop();
        } finally {
            host.close();
        }
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
        return perfect && tunnel ? 0 : 1;
    }

    private static int usage(PrintStream stream, String problem) {
        if (problem != null) {
            stream.println("culvert: " + problem);
        }
        stream.println("usage: culvert [--config FILE] [--no-shell] | --check FILE | --demo [PACKETS]   (--home DIR if not run from bin/culvert)");
        return problem == null ? 0 : 2;
    }
}

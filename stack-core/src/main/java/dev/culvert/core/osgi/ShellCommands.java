package dev.culvert.core.osgi;

import dev.culvert.core.embed.Kernel;
import dev.culvert.core.embed.LoopbackTrial;
import dev.culvert.core.embed.TrialTraffic;
import dev.culvert.spi.config.ConfigException;
import java.util.List;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Gogo commands for operators. {@code culvert:status} prints the slots and counters;
 * {@code culvert:sessions} lists the running node's tunnel sessions (an OpenVPN server's clients);
 * {@code culvert:swap SLOT NAME} changes a slot's implementation between two batches;
 * {@code culvert:selftest [PACKETS [SWAP_EVERY [udp|mixed]]]} pushes packets through two stacks
 * on virtual links inside this node while cycling the compressors, and reports whether anything
 * was lost; {@code mixed} traffic takes turns between UDP and TCP flows to several ports and
 * reports each flow, so a module's feature at an arc (a packet filter) can be watched at work.
 * While a selftest runs, {@code culvert:status} shows its progress.
 */
@Component(service = ShellCommands.class, property = {
    "osgi.command.scope=culvert",
    "osgi.command.function=status",
    "osgi.command.function=sessions",
    "osgi.command.function=swap",
    "osgi.command.function=selftest"
})
public final class ShellCommands {
    private static final String LAST_TRIAL_NONE = "(no selftest has run yet)\n";

    @Reference
    private Kernel kernel;

    private volatile String lastTrial = LAST_TRIAL_NONE;
    private volatile String running = "";

    public String status() {
        return kernel.status() + running + "last selftest:\n" + lastTrial;
    }

    public String sessions() {
        return kernel.sessions();
    }

    public String swap(String slot, String name) {
        try {
            kernel.registry().swap(slot, name);
            return slot + " -> " + name;
        } catch (IllegalArgumentException e) {
            return "swap refused: " + e.getMessage();
        }
    }

    public String selftest() throws ConfigException, InterruptedException {
        return selftest(100_000, 5_000);
    }

    public String selftest(int packets) throws ConfigException, InterruptedException {
        return selftest(packets, 5_000);
    }

    private static String indent(String prefix, String lines) {
        StringBuilder out = new StringBuilder();
        for (String line : lines.split("\n")) {
            out.append("  ").append(prefix).append(line).append('\n');
        }
        return out.toString();
    }

    /** Runs the loopback trial; {@code swapEvery} 0 means no swaps. */
    public String selftest(int packets, int swapEvery) throws ConfigException, InterruptedException {
        return selftest(packets, swapEvery, "udp");
    }

    /** Runs the loopback trial with {@code udp} or {@code mixed} traffic; interrupted, it stops sending and reports. */
    public String selftest(int packets, int swapEvery, String traffic) throws ConfigException, InterruptedException {
        if (packets < 1 || packets > 100_000_000) {
            return "selftest: PACKETS must be 1 to 100000000";
        }
        if (!traffic.equals("udp") && !traffic.equals("mixed")) {
            return "selftest: the traffic is 'udp' or 'mixed', not '" + traffic + "'";
        }
        List<String> cycle = swapEvery > 0 ? LoopbackTrial.compressorNames(kernel.registry()) : List.of();
        try {
            LoopbackTrial.Result r = LoopbackTrial.run(kernel.registry(), packets, cycle, swapEvery,
                    traffic.equals("mixed") ? TrialTraffic.MIXED : TrialTraffic.UDP, line -> running = "selftest running:" + line + "\n");
            String report = r.summary() + "\n" + indent("a: ", r.countersA()) + indent("b: ", r.countersB());
            lastTrial = report;
            return report;
        } finally {
            running = "";
        }
    }
}

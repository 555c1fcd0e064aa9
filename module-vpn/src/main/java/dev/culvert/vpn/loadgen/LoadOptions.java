package dev.culvert.vpn.loadgen;

import java.nio.file.Path;
import java.util.List;

/**
 * The load generator's command line.
 *
 * @param config          the OpenVPN client configuration every client uses (one certificate for all: the server needs duplicate-cn)
 * @param remote          HOST[:PORT] replacing the configuration's first remote, or null
 * @param clients         how many clients to connect
 * @param ratePerSecond   connects started per second
 * @param threads         event-loop threads
 * @param connectSeconds  how long one client may take to connect before it counts as failed
 * @param idleSeconds     the measured idle window once the clients are connected
 * @param holdSeconds     how long the clients stay connected after the report (for a look at the server meanwhile)
 * @param lateSlackSeconds how much later than the ping interval a keepalive may come before it counts as late
 * @param tls             the TLS provider's name (bc, conscrypt), or null for the highest ranked one found
 */
record LoadOptions(Path config, String remote, int clients, int ratePerSecond, int threads, int connectSeconds, int idleSeconds,
                   int holdSeconds, int lateSlackSeconds, String tls) {
    static final String USAGE = """
            usage: java -cp "culvert/bundle/*" dev.culvert.vpn.loadgen.LoadGenerator --config CLIENT.conf [options]
              --config FILE          an OpenVPN client configuration (UDP; with many clients the server needs duplicate-cn)
              --remote HOST[:PORT]   the server, instead of the configuration's first remote
              --clients N            clients to connect (default 100)
              --rate R               connects started per second (default 200)
              --threads K            event-loop threads (default 2)
              --connect-timeout S    seconds one client may take to connect (default 60)
              --idle-seconds S       the measured idle window after the connects (default 60)
              --hold-seconds S       stay connected S seconds after the report (default 0)
              --late-slack S         a keepalive later than the ping interval + S seconds is late (default 2)
              --tls NAME             the TLS provider (bc, conscrypt; default: the highest ranked on the class path)
            """;

    /** Parses the arguments; an {@link IllegalArgumentException} says what is wrong. */
    static LoadOptions parse(List<String> args) {
        Path config = null;
        String remote = null;
        String tls = null;
        int clients = 100;
        int rate = 200;
        int threads = 2;
        int connect = 60;
        int idle = 60;
        int hold = 0;
        int slack = 2;
        for (int i = 0; i < args.size(); i++) {
            String name = args.get(i);
            if (i + 1 >= args.size()) {
                throw new IllegalArgumentException(name + " needs a value (or is not an option)");
            }
            String value = args.get(++i);
            switch (name) {
                case "--config" -> config = Path.of(value);
                case "--remote" -> remote = value;
                case "--tls" -> tls = value;
                case "--clients" -> clients = number(name, value, 1, 1_000_000);
                case "--rate" -> rate = number(name, value, 1, 100_000);
                case "--threads" -> threads = number(name, value, 1, 64);
                case "--connect-timeout" -> connect = number(name, value, 1, 3_600);
                case "--idle-seconds" -> idle = number(name, value, 1, 86_400);
                case "--hold-seconds" -> hold = number(name, value, 0, 86_400);
                case "--late-slack" -> slack = number(name, value, 0, 3_600);
                default -> throw new IllegalArgumentException("unknown option " + name);
            }
        }
        if (config == null) {
            throw new IllegalArgumentException("--config is required");
        }
        return new LoadOptions(config, remote, clients, rate, threads, connect, idle, hold, slack, tls);
    }

    private static int number(String name, String value, int min, int max) {
        int n;
        try {
            n = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " " + value + ": not a number");
        }
        if (n < min || n > max) {
            throw new IllegalArgumentException(name + " " + value + ": must be " + min + ".." + max);
        }
        return n;
    }
}

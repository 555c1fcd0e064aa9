package dev.culvert.core.embed;

import dev.culvert.core.logging.LogOutput;
import dev.culvert.core.logging.LogSettings;
import dev.culvert.core.logging.Verbosity;
import dev.culvert.core.worker.Workers;
import dev.culvert.spi.config.ConfigException;
import dev.culvert.spi.config.Directive;
import dev.culvert.spi.config.DirectiveClaim;
import dev.culvert.spi.config.DirectiveHandler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The directives the kernel itself takes: logging verbosity and muting ({@code verb}, {@code mute},
 * applied to the log output by {@link LogSettings}), where the log goes ({@code log},
 * {@code log-append}, {@code syslog}: {@link LogOutput}), how many data-plane workers to run and
 * in which scheduling class ({@code culvert-worker-scheduling}, {@link Workers});
 * and the process options it refuses. The process's own options are {@link ProcessDirectives}.
 */
public final class KernelDirectives implements DirectiveHandler {
    /** The program name syslog lines carry when {@code syslog} names none (2.6's is "openvpn"). */
    static final String SYSLOG_NAME = "culvert";
    /** Where the syslog socket is, for tests; {@code /dev/log} otherwise. */
    static final String SYSLOG_SOCKET_PROPERTY = "culvert.syslog.socket";
    private static final Logger LOG = Logger.getLogger(KernelDirectives.class.getName());
    /** What the table says of {@code setenv} and {@code setenv-safe}. */
    static final String SETENV_NOTE = "'setenv opt NAME ...' is read as the option NAME, skipped with a warning when no"
            + " installed module implements it; 'setenv FORWARD_COMPATIBLE 1' skips every later such option so; any other"
            + " variable is kept for the scripts' environment, and no script runs yet (the operations issue)";

    @Override
    public String module() {
        return "the kernel";
    }

    @Override
    public Set<String> directives() {
        return Set.of("verb", "mute", "culvert-workers", "culvert-worker-scheduling", "log", "log-append", "syslog", "ignore-unknown-option", "setenv",
                "setenv-safe", "config");
    }

    /** OpenVPN's process, log, management and standalone options that a node does not act on ({@link KernelFates}). */
    @Override
    public List<DirectiveClaim> refused() {
        return KernelFates.refusals();
    }

    @Override
    public List<DirectiveClaim> noOps() {
        return KernelFates.noOps();
    }

    /** The implemented ones, {@code setenv} and {@code setenv-safe} with what they do until scripts run. */
    @Override
    public List<DirectiveClaim> claims() {
        return DirectiveHandler.super.claims().stream()
                .map(c -> c.name().startsWith("setenv") ? DirectiveClaim.implemented(c.name(), SETENV_NOTE) : c).toList();
    }

    @Override
    public void check(Directive d) throws ConfigException {
        switch (d.name()) {
            case "verb" -> number(d, "verb N (0 to 11)", 0, 11);
            case "mute" -> number(d, "mute N (repeated messages to show)", 0, Integer.MAX_VALUE);
            case "culvert-workers" -> number(d, "culvert-workers N (1 to 256; default: one per core)", 1, 256);
            case "culvert-worker-scheduling" -> realtimeWorkers(d);
            case "log", "log-append" -> logFile(d);
            case "syslog" -> d.expectArgs(0, 1, "syslog [PROGRAM-NAME] (default: " + SYSLOG_NAME + ")");
            case "ignore-unknown-option" -> d.expectArgs(1, Integer.MAX_VALUE, "ignore-unknown-option NAME [NAME...]");
            case "setenv" -> setenv(d);
            case "setenv-safe" -> d.expectArgs(1, 2, "setenv-safe NAME [VALUE]");
            // The parser follows 'config FILE' (ConfigParser), so a line reaches here only from 'setenv opt config FILE'.
            case "config" -> throw new ConfigException(d, "'config' is followed only on a line of its own, not inside 'setenv opt'",
                    "write it as a line of its own: config FILE");
            default -> throw new ConfigException(d, "the kernel does not take '" + d.name() + "'", "remove the line");
        }
    }

    /**
     * Sends the log where {@code log}, {@code log-append} or {@code syslog} says ({@link LogOutput};
     * a log file wins over syslog, as in 2.6, and without either the log stays where the process
     * sends it), then applies {@code verb} and {@code mute} to it ({@link LogSettings}); the last
     * line of each wins, and a configuration without one leaves the logging configuration's choice.
     */
    @Override
    public void apply(List<Directive> lines) throws ConfigException {
        OptionalInt verb = OptionalInt.empty();
        int mute = 0;
        Directive logFile = null;
        Directive syslog = null;
        Boolean realtime = null;
        for (Directive d : lines) {
            switch (d.name()) {
                case "verb" -> verb = OptionalInt.of(number(d, "verb N (0 to 11)", 0, Verbosity.MAX));
                case "mute" -> mute = number(d, "mute N (repeated messages to show)", 0, Integer.MAX_VALUE);
                case "log", "log-append" -> logFile = d;
                case "syslog" -> syslog = d;
                case "culvert-worker-scheduling" -> realtime = realtimeWorkers(d);
                default -> {
                }
            }
        }
        route(logFile, syslog);
        LogSettings.apply(verb, mute);
        Workers.chooseRealtime(realtime);
    }

    /** {@code culvert-worker-scheduling realtime|normal}: whether workers take the realtime class while light. */
    private static boolean realtimeWorkers(Directive d) throws ConfigException {
        String usage = "culvert-worker-scheduling realtime|normal (default: realtime; README, \"An OpenVPN server\", forwarding first)";
        d.expectArgs(1, 1, usage);
        String scheduling = d.arg(0, usage);
        return switch (scheduling) {
            case "realtime" -> true;
            case "normal" -> false;
            default -> throw new ConfigException(d, "'" + scheduling + "' is not a scheduling for the workers", "write: " + usage);
        };
    }

    private static void route(Directive logFile, Directive syslog) throws ConfigException {
        if (logFile != null) {
            Path file = logFile(logFile);
            try {
                LogOutput.toFile(file, logFile.name().equals("log-append"));
            } catch (IOException e) {
                throw new ConfigException(logFile, "cannot open the log file " + file + ": " + e,
                        "name a file this user may write, in a directory that exists");
            }
            return;
        }
        if (syslog != null) {
            Path socket = Path.of(System.getProperty(SYSLOG_SOCKET_PROPERTY, "/dev/log"));
            String program = syslog.args().isEmpty() ? SYSLOG_NAME : syslog.args().get(0);
            try {
                LogOutput.toSyslog(socket, program);
                return;
            } catch (IOException | RuntimeException e) {
                LogOutput.toProcessDefault();
                LOG.log(Level.WARNING, syslog.where() + ": syslog: no syslog socket to write to (" + e.getMessage()
                        + "; is a syslog daemon or systemd-journald running?): the log stays on standard output");
                return;
            }
        }
        LogOutput.toProcessDefault();
    }

    /** The file a {@code log} or {@code log-append} line names (relative: to {@code cd} or the configuration file, as every file); its directory must exist. */
    private static Path logFile(Directive d) throws ConfigException {
        d.expectArgs(1, 1, d.name() + " FILE");
        Path file = d.resolve(d.args().get(0)).toAbsolutePath();
        if (!Files.isDirectory(file.getParent())) {
            throw new ConfigException(d, "the log file's directory " + file.getParent() + " does not exist",
                    "create it, or name a file in a directory that exists");
        }
        return file;
    }

    /** {@code setenv NAME [VALUE]}, or {@code setenv opt OPTION [ARGS...]} with no option after it (one with is read as its option). */
    private static void setenv(Directive d) throws ConfigException {
        if (!d.args().isEmpty() && d.args().get(0).equals("opt")) {
            throw new ConfigException(d, "'setenv opt' names no option", "write it as: setenv opt OPTION [ARGS...]");
        }
        d.expectArgs(1, 2, "setenv NAME [VALUE], or setenv opt OPTION [ARGS...]");
        if (d.args().get(0).equals("GENERIC_CONFIG")) {
            throw new ConfigException(d, "this is a generic configuration and cannot directly be used (setenv GENERIC_CONFIG)",
                    "use the configuration made for this node, or remove the line once the file is filled in");
        }
    }

    /** The directive's single numeric argument, within {@code [min, max]}. */
    public static int number(Directive d, String usage, int min, int max) throws ConfigException {
        d.expectArgs(1, 1, usage);
        String arg = d.args().get(0);
        int value;
        try {
            value = Integer.parseInt(arg);
        } catch (NumberFormatException e) {
            throw new ConfigException(d, "'" + arg + "' is not a number", "write it as: " + usage);
        }
        if (value < min || value > max) {
            throw new ConfigException(d, d.name() + " " + value + " is out of range", "write it as: " + usage);
        }
        return value;
    }
}

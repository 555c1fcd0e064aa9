package dev.culvert.core.embed;

import dev.culvert.core.config.Config;
import dev.culvert.spi.config.ConfigException;
import dev.culvert.spi.config.Directive;
import dev.culvert.spi.config.DirectiveClaim;
import dev.culvert.spi.config.DirectiveHandler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * OpenVPN's options about the process that runs the node: {@code daemon [progname]},
 * {@code writepid FILE} and {@code cd DIR}; {@code chroot} is refused. The configuration parser
 * applies {@code cd} (a JVM cannot change its working directory, so relative file names are
 * resolved against it instead). {@code daemon} and {@code writepid} act on the process, which
 * the launcher ({@code bin/culvert}) owns: it reads them through {@link Kernel#processOptions}.
 * A node embedded in another program refuses them, since nothing there would act on them: the
 * launcher says it acts through the system property {@value #LAUNCHER_PROPERTY}, which a host
 * that also acts on them may set.
 */
public final class ProcessDirectives implements DirectiveHandler {
    /** Set to {@code true} by a process owner that acts on {@code daemon} and {@code writepid}. */
    public static final String LAUNCHER_PROPERTY = "culvert.launcher";
    /** The key of {@link #launcherOptions}' {@code daemon} entry; its value is the program name for the log. */
    public static final String DAEMON = "daemon";
    /** The key of {@link #launcherOptions}' {@code writepid} entry; its value is the file's absolute path. */
    public static final String WRITEPID = "writepid";

    private final boolean launched;

    /** As the process says: {@code daemon} and {@code writepid} are taken when {@value #LAUNCHER_PROPERTY} is {@code true}. */
    public ProcessDirectives() {
        this(Boolean.getBoolean(LAUNCHER_PROPERTY));
    }

    /** {@code launched}: whether the process's owner acts on {@code daemon} and {@code writepid}. */
    public ProcessDirectives(boolean launched) {
        this.launched = launched;
    }

    @Override
    public String module() {
        return "the kernel";
    }

    @Override
    public Set<String> directives() {
        return Set.of(DAEMON, WRITEPID, "cd");
    }

    /**
     * {@code chroot}: the JVM keeps loading classes and native libraries (TLS, compression, the
     * native I/O) from the JDK and the distribution after the node starts, so a chroot would have
     * to hold a whole JDK and the distribution; the service manager's sandbox does what it is for.
     */
    @Override
    public List<DirectiveClaim> refused() {
        return List.of(DirectiveClaim.refused("chroot", "'chroot' cannot be honoured by a JVM, which loads classes and native"
                        + " libraries from the JDK and the distribution while it runs",
                "remove the line, and confine the node with the systemd unit's sandbox instead (systemd/culvert@.service:"
                        + " ProtectSystem=strict, or RootDirectory= with the JDK and the distribution inside)"));
    }

    @Override
    public void check(Directive d) throws ConfigException {
        if (!launched && (d.name().equals(DAEMON) || d.name().equals(WRITEPID))) {
            throw new ConfigException(d, "'" + d.name() + "' acts on the process, and this node runs inside a program that"
                    + " does not act on it (only bin/culvert does)",
                    "remove the line; the program that embeds Culvert detaches itself and writes its own pid file");
        }
        switch (d.name()) {
            case DAEMON -> d.expectArgs(0, 1, "daemon [PROGNAME]");
            case WRITEPID -> {
                d.expectArgs(1, 1, "writepid FILE");
                Path dir = d.resolve(d.args().get(0)).toAbsolutePath().getParent();
                if (dir != null && !Files.isDirectory(dir)) {
                    throw new ConfigException(d, "writepid: the directory " + dir + " does not exist",
                            "create it (systemd: RuntimeDirectory=), or name a file in an existing directory");
                }
            }
            case "cd" -> d.expectArgs(1, 1, "cd DIR");
            default -> throw new ConfigException(d, "the kernel does not take '" + d.name() + "' here", "remove the line");
        }
    }

    /**
     * What the launcher must do for this configuration: {@code daemon} (the program name) and
     * {@code writepid} (an absolute path), each present only when the configuration says so; the
     * last line of each wins, as in OpenVPN.
     */
    public static Map<String, String> launcherOptions(Config config) {
        Map<String, String> options = new LinkedHashMap<>();
        config.last(DAEMON).ifPresent(d -> options.put(DAEMON, d.args().isEmpty() ? "culvert" : d.args().get(0)));
        config.last(WRITEPID).filter(d -> d.args().size() == 1)
                .ifPresent(d -> options.put(WRITEPID, d.resolve(d.args().get(0)).toAbsolutePath().toString()));
        return options;
    }
}

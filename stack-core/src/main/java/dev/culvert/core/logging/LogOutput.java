package dev.culvert.core.logging;

import dev.culvert.core.io.nativeio.UnixDatagram;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Where the log goes: where the process sends it (the launcher's stdout), a file ({@code log},
 * {@code log-append}) or the local syslog ({@code syslog}). Moving it takes the process's own
 * handlers off the root logger and keeps them, so that a configuration without such a line (a
 * SIGHUP after the operator removed it) puts them back. A file is written in the format of the
 * handler it replaces (the launcher's line format), so the log reads the same wherever it goes.
 *
 * <p>Naming the file already written again (a SIGHUP or SIGUSR1 restart) reopens it for appending,
 * even for {@code log}: that is how logrotate's move-then-HUP works, and a restart must not erase
 * what the log said before it.
 */
public final class LogOutput {
    private static final Logger ROOT = Logger.getLogger("");
    /** The process's own handlers while the log is elsewhere; null while it is not. */
    private static List<Handler> own;
    private static Handler moved;
    private static Path file;

    private LogOutput() {
    }

    /** The log where the process sends it. */
    public static synchronized void toProcessDefault() {
        if (own == null) {
            return;
        }
        ROOT.removeHandler(moved);
        moved.close();
        own.forEach(ROOT::addHandler);
        own = null;
        moved = null;
        file = null;
    }

    /** The log to {@code path}, truncated first unless {@code append} (or unless it is the file the log goes to now). */
    public static synchronized void toFile(Path path, boolean append) throws IOException {
        Path absolute = path.toAbsolutePath().normalize();
        boolean reopen = absolute.equals(file);
        Handler next = LogFileHandler.open(absolute, append || reopen, formatter());
        replaceWith(next);
        file = absolute;
    }

    /** The log to the syslog socket at {@code socket}, each line as {@code program[pid]}. */
    public static synchronized void toSyslog(Path socket, String program) throws IOException {
        Handler next = new SyslogHandler(UnixDatagram.connect(socket), program);
        replaceWith(next);
        file = null;
    }

    /** The file the log goes to, or null. */
    public static synchronized Path file() {
        return file;
    }

    private static Formatter formatter() {
        for (Handler h : own != null ? own : List.of(ROOT.getHandlers())) {
            if (h.getFormatter() != null) {
                return h.getFormatter();
            }
        }
        return new SimpleFormatter();
    }

    private static void replaceWith(Handler next) {
        if (own == null) {
            own = List.of(ROOT.getHandlers());
            own.forEach(ROOT::removeHandler);
        } else {
            ROOT.removeHandler(moved);
            moved.close();
        }
        ROOT.addHandler(next);
        moved = next;
    }
}

package dev.culvert.core.logging;

import dev.culvert.core.io.nativeio.UnixDatagram;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.logging.ErrorManager;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;

/**
 * {@code syslog [progname]}: the log to the local syslog socket, one datagram per line of a
 * message (a status report becomes as many syslog lines, each with the program's name). The
 * syslog dates each line itself, so the line carries only the message; a warning or an error
 * says so in the syslog severity.
 */
final class SyslogHandler extends Handler {
    private final UnixDatagram socket;
    private final String program;
    private final long pid = ProcessHandle.current().pid();

    SyslogHandler(UnixDatagram socket, String program) {
        this.socket = socket;
        this.program = program;
        setFormatter(new SimpleFormatter());
        setLevel(Level.ALL);
    }

    @Override
    public void publish(LogRecord record) {
        if (!isLoggable(record)) {
            return;
        }
        String text = getFormatter().formatMessage(record);
        if (record.getThrown() != null) {
            text += "\n" + record.getThrown();
        }
        for (String line : text.lines().toList()) {
            String datagram = SyslogLine.of(record.getLevel(), record.getInstant(), ZoneId.systemDefault(), program, pid, line);
            if (!socket.send(datagram.getBytes(StandardCharsets.UTF_8))) {
                reportError("the syslog at " + socket.path() + " did not take a line", null, ErrorManager.WRITE_FAILURE);
            }
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        socket.close();
    }
}

package dev.culvert.launcher;

import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;

/**
 * Felix's own messages (errors only: {@code felix.log.level 1}) in the node's log, one line each
 * with the log's timestamp, instead of Felix's default of stdout with a stack trace. A framework
 * cache that the last start left damaged, for one, is made again by Felix bundle by bundle: the
 * operator reads one line per bundle, not a screen of Java.
 */
final class FrameworkLog extends org.apache.felix.framework.Logger {
    private static final System.Logger LOG = System.getLogger("dev.culvert.launcher.framework");

    @Override
    protected void doLog(int level, String msg, Throwable throwable) {
        doLog(null, null, level, msg, throwable);
    }

    @Override
    protected void doLog(Bundle bundle, ServiceReference sr, int level, String msg, Throwable throwable) {
        StringBuilder line = new StringBuilder("framework: ").append(msg);
        if (bundle != null && bundle.getSymbolicName() != null) {
            line.append(" [").append(bundle.getSymbolicName()).append(']');
        }
        for (Throwable t = throwable; t != null; t = t.getCause() == t ? null : t.getCause()) {
            line.append(t == throwable ? " (" : "; caused by ").append(t);
            if (t.getCause() == null || t.getCause() == t) {
                line.append(')');
            }
        }
        LOG.log(level == LOG_ERROR ? System.Logger.Level.ERROR : level == LOG_WARNING ? System.Logger.Level.WARNING
                : System.Logger.Level.INFO, line.toString());
    }
}

package dev.culvert.launcher;

import java.io.IOException;
import java.io.PrintStream;

/**
 * The node as the signals see it: the kernel service reached reflectively (it lives in a bundle)
 * and the framework that stops when the node should. A restart that fails leaves no node
 * running, so the launcher stops with the exit code that says why, as OpenVPN 2.6 exits when a
 * SIGHUP restart cannot reopen what it needs.
 */
final class SignalledNode implements OperatorSignals.Node {
    private static final System.Logger LOG = System.getLogger(SignalledNode.class.getName());
    private final FelixHost host;
    private final Object kernel;
    private final String configFile;
    private final PrintStream err;

    SignalledNode(FelixHost host, Object kernel, String configFile, PrintStream err) {
        this.host = host;
        this.kernel = kernel;
        this.configFile = configFile;
        this.err = err;
    }

    @Override
    public ExitCode reload() {
        try {
            ServiceManager.reloading(kernel, "SIGHUP: re-reading " + configFile);
            ExitCode failed = Main.runConfig(kernel, configFile, err);
            if (failed == null) {
                LOG.log(System.Logger.Level.INFO, "SIGHUP: running " + configFile + " again");
                ServiceManager.ready(kernel, "running " + configFile);
            }
            return failed;
        } catch (Exception e) {
            LOG.log(System.Logger.Level.ERROR, "SIGHUP: " + configFile + ": " + e.getMessage());
            return ExitCode.START_FAILED;
        }
    }

    @Override
    public ExitCode restart() {
        try {
            ServiceManager.reloading(kernel, "SIGUSR1: restarting");
            FelixHost.call(kernel, "restartNode");
            LOG.log(System.Logger.Level.INFO, "SIGUSR1: restarted with the configuration it runs");
            ServiceManager.ready(kernel, "running " + configFile);
            return null;
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "SIGUSR1: the restart failed: " + e.getMessage());
            return ExitCode.START_FAILED;
        } catch (Exception e) {
            LOG.log(System.Logger.Level.ERROR, "SIGUSR1: " + e);
            return ExitCode.START_FAILED;
        }
    }

    @Override
    public String status() {
        try {
            return (String) FelixHost.call(kernel, "status");
        } catch (Exception e) {
            return "(status unavailable: " + e + ")";
        }
    }

    @Override
    public void stop(ExitCode code) {
        try {
            ServiceManager.stopping(kernel);
            // Stopping the framework deactivates the kernel, which closes the node (exit notices
            // go out), and returns the launcher's main thread from waitForStop.
            host.context().getBundle(0).stop();
        } catch (Exception e) {
            LOG.log(System.Logger.Level.ERROR, "stopping the framework failed: " + e.getMessage());
            Runtime.getRuntime().halt(code.status);
        }
    }
}

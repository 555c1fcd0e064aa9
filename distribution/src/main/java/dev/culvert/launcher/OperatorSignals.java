package dev.culvert.launcher;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * OpenVPN 2.6's signals, so that logrotate, {@code systemctl reload} and an operator's habits keep
 * working: SIGHUP re-reads the configuration and restarts the node, SIGUSR1 restarts it with the
 * configuration it runs, SIGUSR2 writes the status to the log, SIGTERM and SIGINT stop it and
 * exit with success. Without these the JVM's defaults would kill the node on HUP and USR1 and
 * exit with 143 on TERM.
 *
 * <p>Each signal's work runs on one thread of its own, in arrival order, so a slow restart never
 * blocks the JVM's signal dispatcher and two restarts never overlap.
 */
final class OperatorSignals implements AutoCloseable {
    /** What the signals act on; the launcher implements it over the framework and the kernel service. */
    interface Node {
        /** SIGHUP: checks and runs the configuration file again. Returns the exit code to stop with, or null to go on. */
        ExitCode reload();

        /** SIGUSR1: restarts the running node with the configuration it was started with. */
        ExitCode restart();

        /** SIGUSR2: the node's status, for the log. */
        String status();

        /** Stops the node and lets the launcher exit with {@code code}. */
        void stop(ExitCode code);
    }

    private static final System.Logger LOG = System.getLogger(OperatorSignals.class.getName());

    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "culvert-signals");
        t.setDaemon(true);
        return t;
    });
    private final AtomicReference<ExitCode> stopping = new AtomicReference<>();

    private OperatorSignals() {
    }

    /** Installs the handlers; {@code withConfig} false (a node with no configuration) makes HUP and USR1 say so and do nothing. */
    static OperatorSignals install(Node node, boolean withConfig) {
        OperatorSignals signals = new OperatorSignals();
        signals.handle("HUP", () -> {
            if (!withConfig) {
                LOG.log(System.Logger.Level.WARNING, "SIGHUP: no configuration to re-read (started without --config)");
                return;
            }
            LOG.log(System.Logger.Level.INFO, "SIGHUP received: re-reading the configuration and restarting");
            ExitCode failed = node.reload();
            if (failed != null) {
                signals.stop(node, failed);
            }
        });
        signals.handle("USR1", () -> {
            if (!withConfig) {
                LOG.log(System.Logger.Level.WARNING, "SIGUSR1: no node to restart (started without --config)");
                return;
            }
            LOG.log(System.Logger.Level.INFO, "SIGUSR1 received: restarting");
            ExitCode failed = node.restart();
            if (failed != null) {
                signals.stop(node, failed);
            }
        });
        signals.handle("USR2", () -> LOG.log(System.Logger.Level.INFO, "SIGUSR2 received: status follows\n" + node.status()));
        Runnable stop = () -> signals.stop(node, ExitCode.OK);
        signals.handle("TERM", stop);
        signals.handle("INT", stop);
        return signals;
    }

    /** The exit code a signal asked for, or null if no signal stopped the node. */
    ExitCode exitCode() {
        return stopping.get();
    }

    private void stop(Node node, ExitCode code) {
        if (stopping.compareAndSet(null, code)) {
            LOG.log(System.Logger.Level.INFO, "stopping (" + code + ")");
            node.stop(code);
        }
    }

    private void handle(String name, Runnable work) {
        SignalHandler before = Signal.handle(new Signal(name), signal -> worker.execute(() -> {
            try {
                work.run();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "handling SIG" + name + " failed", e);
            }
        }));
        if (before == SignalHandler.SIG_IGN) {
            // The JVM keeps a shutdown signal that the process inherited as ignored (nohup does this to HUP) ignored.
            LOG.log(System.Logger.Level.WARNING, "SIG" + name + " was ignored when this process started (nohup does that to SIGHUP),"
                    + " and the JVM keeps it ignored: SIG" + name + " will do nothing here; start the node without nohup"
                    + " (a service manager, or 'setsid bin/culvert ... &')");
        }
    }

    @Override
    public void close() {
        worker.shutdown();
    }
}

package dev.culvert.vpn.client;

import dev.culvert.vpn.config.OnePeerConfig;
import dev.culvert.vpn.config.PeerToPeerConfig;
import dev.culvert.vpn.config.TunScripts;
import dev.culvert.vpn.hook.ScriptCommand;
import dev.culvert.vpn.hook.ScriptRunner;
import dev.culvert.vpn.hook.Scripts;
import dev.culvert.vpn.hook.TunScriptContext;
import dev.culvert.vpn.keys.OccOptionsString;
import dev.culvert.vpn.push.PushReply;
import dev.culvert.vpn.push.Topology;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A client's {@code up}, {@code down}, {@code route-up} and {@code route-pre-down} scripts, run as
 * 2.6 runs them: up once the tun device has the pushed addresses (the first connection only: the
 * device stays through reconnects, as with persist-tun), route-up once the routes are set at each
 * connection, route-pre-down when the node stops, before its routes are taken back, and down after
 * that, before the device closes. Each gets the device, the addresses and the
 * {@code dhcp-option}s as {@code foreign_option_N}, which is what update-resolv-conf reads.
 * Nothing waits for up or route-up on a control thread; down is waited for, bounded, since the
 * process ends after it.
 */
final class TunScriptRuns {
    private static final System.Logger LOG = System.getLogger(TunScriptRuns.class.getName());
    /** How long a script may run; 2.6 waits for its scripts without a bound. */
    static final Duration LIMIT = Duration.ofSeconds(60);

    private final TunScripts scripts;
    private final Scripts runner;
    private volatile TunScriptContext last;
    private volatile boolean upRan;

    TunScriptRuns(TunScripts scripts) {
        this.scripts = scripts;
        this.runner = Scripts.of(Map.of("dev_type", "tun", "daemon", "0", "daemon_log_redirect", "0", "script_context", "init"),
                java.nio.file.Path.of(System.getProperty("java.io.tmpdir", "/tmp")), LIMIT);
        String warning = scripts.notRunWarning();
        if (warning != null) {
            LOG.log(System.Logger.Level.WARNING, warning);
        }
    }

    /**
     * The connection is up with {@code reply}'s addresses and routes on {@code tunName} (a
     * point-to-point peer: {@code reply} null, its own ifconfig), with {@code peer}: runs ipchange (each
     * time, not waited for), up
     * (first time) then route-up. The future says why up failed, which ends the node as in 2.6, or
     * completes with null; a failed route-up is only logged, as 2.6 only warns.
     */
    CompletableFuture<String> connected(OnePeerConfig config, PushReply reply, String tunName, String routeGateway,
                                        java.net.InetSocketAddress peer) {
        if (scripts.allowed() && scripts.ipchange().isPresent() && peer != null && peer.getAddress() != null) {
            // 2.6 runs it when the peer's address is authenticated; its exit only goes to the log.
            runner.runIpchange(scripts.ipchange().get(), peer).thenAccept(o -> {
                String failed = failure("ipchange", o);
                if (failed != null) {
                    LOG.log(System.Logger.Level.WARNING, "WARNING: " + failed);
                }
            });
        }
        TunScriptContext tun = context(config, reply, tunName, routeGateway);
        if (!scripts.allowed() || tun == null) {
            return CompletableFuture.completedFuture(null);
        }
        last = tun;
        CompletableFuture<String> up = CompletableFuture.completedFuture(null);
        if (scripts.up().isPresent() && !upRan) {
            upRan = true;
            up = runner.runTunScript(scripts.up().get(), "up", tun).thenApply(o -> failure("up", o));
        }
        return up.thenCompose(failed -> failed != null || scripts.routeUp().isEmpty() ? CompletableFuture.completedFuture(failed)
                : runner.runTunScript(scripts.routeUp().get(), "route-up", tun).thenApply(o -> {
                    String routeUpFailed = failure("route-up", o);
                    if (routeUpFailed != null) {
                        LOG.log(System.Logger.Level.WARNING, "WARNING: " + routeUpFailed);
                    }
                    return null;
                }));
    }

    /**
     * The device as the scripts see it: a client's pushed addresses, or a point-to-point peer's
     * own {@code ifconfig} (no push: {@code reply} is null); null without addresses.
     */
    private static TunScriptContext context(OnePeerConfig config, PushReply reply, String tunName, String routeGateway) {
        List<String> foreign = new ArrayList<>();
        config.keptForScripts().stream().filter(l -> l.startsWith("dhcp-option ")).forEach(foreign::add);
        if (reply == null) {
            PeerToPeerConfig.Ifconfig own = config instanceof PeerToPeerConfig p ? p.ifconfig() : null;
            return own == null ? null : new TunScriptContext(tunName, config.tunMtu(), OccOptionsString.linkMtu(config.tunMtu(),
                    config.transport()), own.local(), own.remote(), false, foreign, own.remote());
        }
        if (reply.ifconfig() == null) {
            return null;
        }
        reply.rawOptions().stream().filter(o -> o.startsWith("dhcp-option ")).forEach(foreign::add);
        int tunMtu = reply.tunMtu() > 0 ? reply.tunMtu() : config.tunMtu();
        return new TunScriptContext(tunName, tunMtu, OccOptionsString.linkMtu(tunMtu, config.transport()),
                reply.ifconfig().localText(), reply.ifconfig().secondText(), reply.effectiveTopology() == Topology.SUBNET, foreign, routeGateway);
    }

    /**
     * The node stops: runs route-pre-down, if the tunnel was ever up, and waits for it (bounded)
     * while the routes are still there, then {@code takeBackRoutes}. 2.6 runs it whenever it closes
     * a device it set routes on, with down's arguments; a failure is only logged, as 2.6 only warns,
     * and the routes go all the same.
     */
    void routesGoing(Runnable takeBackRoutes) {
        TunScriptContext tun = last;
        if (scripts.allowed() && scripts.routePreDown().isPresent() && tun != null) {
            runAndWait(scripts.routePreDown().get(), "route-pre-down", tun);
        }
        takeBackRoutes.run();
    }

    /** Runs down, if up ran, and waits for it (bounded); a failure is logged, as 2.6 only warns. */
    void stopping() {
        TunScriptContext tun = last;
        if (!scripts.allowed() || scripts.down().isEmpty() || tun == null || !upRan) {
            return;
        }
        runAndWait(scripts.down().get(), "down", tun);
    }

    private void runAndWait(ScriptCommand command, String type, TunScriptContext tun) {
        try {
            String failed = failure(type, runner.runTunScript(command, type, tun).get(LIMIT.toSeconds() + 5, TimeUnit.SECONDS));
            if (failed != null) {
                LOG.log(System.Logger.Level.WARNING, "WARNING: " + failed);
            }
        } catch (Exception e) {
            LOG.log(System.Logger.Level.WARNING, "WARNING: the " + type + " script did not end: " + e);
        }
    }

    private String failure(String type, ScriptRunner.Outcome outcome) {
        return outcome.exitedWith(0) ? null : "the " + type + " script " + outcome.describe(LIMIT);
    }
}

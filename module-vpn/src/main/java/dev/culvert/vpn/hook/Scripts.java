package dev.culvert.vpn.hook;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * What every script of one node shares: the runner (so the bound on scripts at once holds for all
 * of them), the node's own variables, the directory for the files handed to scripts, and the time
 * a script may take.
 */
public record Scripts(ScriptRunner runner, ScriptEnvironment environment, Path tmpDir, Duration limit) {
    /** Scripts that may run at once on one node; more wait their turn (2.6 runs one at a time). */
    public static final int AT_ONCE = 8;

    public static Scripts of(Map<String, String> nodeVariables, Path tmpDir, Duration limit) {
        return new Scripts(new ScriptRunner(AT_ONCE), new ScriptEnvironment(nodeVariables), tmpDir, limit);
    }

    /** A new file in {@code tmp-dir} for a script, readable and writable by the node's user only. */
    public Path privateFile(String prefix) throws java.io.IOException {
        return java.nio.file.Files.createTempFile(tmpDir, prefix, ".tmp", java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
    }

    /** Runs {@code ipchange} as 2.6 does: {@code COMMAND IP PORT} of the peer whose address was authenticated. */
    public java.util.concurrent.CompletableFuture<ScriptRunner.Outcome> runIpchange(ScriptCommand command, java.net.InetSocketAddress peer) {
        return runner.run(command.with(peer.getAddress().getHostAddress(), Integer.toString(peer.getPort())), environment.ipchange(peer), limit);
    }

    /** Runs {@code up}, {@code down} or {@code route-up} ({@code type}) as 2.6 does for the tun device {@code tun}. */
    public java.util.concurrent.CompletableFuture<ScriptRunner.Outcome> runTunScript(ScriptCommand command, String type,
                                                                                    TunScriptContext tun) {
        return runner.run(tun.argv(command), environment.tunScript(type, tun), limit);
    }
}

package dev.culvert.vpn.hook;

import dev.culvert.spi.hook.ClientInfo;
import dev.culvert.spi.hook.ConnectHook;
import dev.culvert.spi.hook.ConnectVerdict;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@code client-connect SCRIPT} and {@code client-disconnect SCRIPT}, as 2.6 runs them. The connect
 * script gets a file in {@code tmp-dir} as its last argument, and what it writes there is the
 * client's further configuration, as in a client-config-dir file (at most 64 KiB). It exits 0 to let
 * the client in; anything else refuses the client. The disconnect script is told when the
 * client left, with its byte counts and duration. Its exit code only goes to the log, as in 2.6.
 */
public final class ScriptConnectHook implements ConnectHook {
    private static final System.Logger LOG = System.getLogger(ScriptConnectHook.class.getName());
    private static final int MAX_DYNAMIC_CONFIG = 64 * 1024;

    private final Optional<ScriptCommand> connect;
    private final Optional<ScriptCommand> disconnect;
    private final Scripts scripts;

    public ScriptConnectHook(Optional<ScriptCommand> connect, Optional<ScriptCommand> disconnect, Scripts scripts) {
        this.connect = connect;
        this.disconnect = disconnect;
        this.scripts = scripts;
    }

    @Override
    public String name() {
        return "script";
    }

    @Override
    public CompletionStage<ConnectVerdict> connecting(ClientInfo client) {
        if (connect.isEmpty()) {
            return CompletableFuture.completedFuture(ConnectVerdict.accept("no client-connect script", List.of()));
        }
        ScriptCommand command = connect.get();
        Path dynamic;
        try {
            dynamic = scripts.privateFile("openvpn_cc_");
        } catch (IOException e) {
            return CompletableFuture.completedFuture(ConnectVerdict.refuse("client-connect's file in tmp-dir " + scripts.tmpDir()
                    + " could not be made (" + e.getMessage() + ")"));
        }
        return scripts.runner().run(command.with(dynamic.toString()), scripts.environment().clientConnect(client), scripts.limit())
                .thenApply(outcome -> {
                    try {
                        String described = "client-connect " + command.program() + " " + outcome.describe(scripts.limit());
                        if (!outcome.exitedWith(0)) {
                            return ConnectVerdict.refuse(described);
                        }
                        return ConnectVerdict.accept(described, readLines(dynamic));
                    } catch (IOException e) {
                        return ConnectVerdict.refuse("client-connect's file " + dynamic + " could not be read: " + e.getMessage());
                    } finally {
                        try {
                            Files.deleteIfExists(dynamic);
                        } catch (IOException e) {
                            LOG.log(System.Logger.Level.WARNING, "client-connect's file " + dynamic + " could not be removed: " + e.getMessage());
                        }
                    }
                });
    }

    /** The dynamic file's lines; a file larger than the bound is refused rather than cut. */
    private static List<String> readLines(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(MAX_DYNAMIC_CONFIG + 1);
            if (bytes.length > MAX_DYNAMIC_CONFIG) {
                throw new IOException("it holds more than " + MAX_DYNAMIC_CONFIG + " bytes");
            }
            return new String(bytes, StandardCharsets.UTF_8).lines().toList();
        }
    }

    @Override
    public void disconnected(ClientInfo client, long bytesReceived, long bytesSent, long seconds) {
        disconnect.ifPresent(command -> scripts.runner().run(command.words(),
                scripts.environment().clientDisconnect(client, bytesReceived, bytesSent, seconds), scripts.limit()).thenAccept(outcome -> {
                    if (!outcome.exitedWith(0)) {
                        LOG.log(System.Logger.Level.WARNING, "client-disconnect " + command.program() + " for " + client.commonName() + " "
                                + outcome.describe(scripts.limit()));
                    }
                }));
    }

    @Override
    public String toString() {
        return "client-connect " + connect.map(ScriptCommand::text).orElse("(none)") + ", client-disconnect "
                + disconnect.map(ScriptCommand::text).orElse("(none)");
    }
}

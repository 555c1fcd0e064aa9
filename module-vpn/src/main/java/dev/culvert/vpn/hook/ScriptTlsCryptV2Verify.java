package dev.culvert.vpn.hook;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@code tls-crypt-v2-verify SCRIPT} as 2.6 runs it (tls_crypt.c
 * {@code tls_crypt_v2_verify_metadata}): once a client's wrapped key was unwrapped, with the
 * variables {@code script_type=tls-crypt-v2-verify}, {@code metadata_type} (the metadata's first
 * byte, 0 for user data, 1 for the time the key was made) and {@code metadata_file}, a file in
 * {@code tmp-dir} holding the rest of the metadata, readable by the node's user only and removed
 * once the script ended. Exit 0 lets the client go on; anything else, or metadata without even a
 * type byte, refuses it. As in 2.6 the script gets only these three variables.
 */
public final class ScriptTlsCryptV2Verify {
    private final ScriptCommand command;
    private final Scripts scripts;

    public ScriptTlsCryptV2Verify(ScriptCommand command, Scripts scripts) {
        this.command = command;
        this.scripts = scripts;
    }

    /**
     * Runs the script for {@code metadata} (the type byte first; copied, the caller may reuse it).
     * The future completes with null when the client may go on, else with why not; it never fails.
     */
    public CompletableFuture<String> verify(byte[] metadata) {
        if (metadata.length < 1) {
            return CompletableFuture.completedFuture("the client key carries no metadata, not even its type (2.6 refuses it too)");
        }
        Path file;
        try {
            file = scripts.privateFile("tls_crypt_v2_metadata_");
            Files.write(file, Arrays.copyOfRange(metadata, 1, metadata.length));
        } catch (IOException e) {
            return CompletableFuture.completedFuture("the metadata file in tmp-dir " + scripts.tmpDir() + " could not be written ("
                    + e.getMessage() + "); check that the directory exists and the node may write it");
        }
        Map<String, String> env = Map.of("script_type", "tls-crypt-v2-verify", "metadata_type", Integer.toString(metadata[0] & 0xff),
                "metadata_file", file.toString());
        return scripts.runner().run(command.words(), env, scripts.limit()).thenApply(outcome -> {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // tmp-dir went away: nothing left to remove.
            }
            return outcome.exitedWith(0) ? null : "tls-crypt-v2-verify " + command.program() + " " + outcome.describe(scripts.limit());
        });
    }

    @Override
    public String toString() {
        return "tls-crypt-v2-verify " + command.text();
    }
}

package dev.culvert.vpn.hook;

import dev.culvert.spi.hook.AuthRequest;
import dev.culvert.spi.hook.AuthVerdict;
import dev.culvert.spi.hook.ClientAuthenticator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@code auth-user-pass-verify SCRIPT via-env|via-file}: the client is accepted when the script
 * exits 0, as in 2.6. With {@code via-file} the script's last argument is a file in
 * {@code tmp-dir} holding the username and the password on two lines, readable by the node's
 * user only and removed once the script ended; with {@code via-env} the password is in the
 * {@code password} variable only under {@code script-security 3}, as 2.6 passes it.
 *
 * <p>A script may write a reason to the file named by {@code auth_failed_reason_file}; a refused
 * client is then told {@code AUTH_FAILED,reason}, as 2.6 tells it.
 */
public final class ScriptAuthenticator implements ClientAuthenticator {
    /** How the username and password reach the script. */
    public enum Method {
        VIA_ENV, VIA_FILE
    }

    /** The name the slot shows. */
    public static final String NAME = "script";
    private static final int MAX_REASON_BYTES = 1024;

    private final ScriptCommand command;
    private final Method method;
    private final boolean passwordInEnvironment;
    private final Scripts scripts;

    /**
     * @param passwordInEnvironment whether {@code via-env} may put the password in the environment
     *                              ({@code script-security 3})
     */
    public ScriptAuthenticator(ScriptCommand command, Method method, boolean passwordInEnvironment, Scripts scripts) {
        this.command = command;
        this.method = method;
        this.passwordInEnvironment = passwordInEnvironment;
        this.scripts = scripts;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public CompletionStage<AuthVerdict> authenticate(AuthRequest request) {
        Map<String, String> env = new HashMap<>(scripts.environment().userPassVerify(request));
        Path credentialsFile = null;
        Path reasonFile = null;
        try {
            reasonFile = scripts.privateFile("openvpn_arf_");
            env.put("auth_failed_reason_file", reasonFile.toString());
            if (method == Method.VIA_FILE) {
                credentialsFile = scripts.privateFile("openvpn_up_");
                writeCredentials(credentialsFile, request);
            } else if (passwordInEnvironment) {
                byte[] line = oneLine(request.password());
                env.put("password", new String(line, StandardCharsets.UTF_8));
                Arrays.fill(line, (byte) 0);
            }
        } catch (IOException e) {
            removeQuietly(credentialsFile);
            removeQuietly(reasonFile);
            return CompletableFuture.completedFuture(AuthVerdict.deny("the script's file in tmp-dir " + scripts.tmpDir()
                    + " could not be written (" + e.getMessage() + "); check that the directory exists and the node may write it"));
        }
        Path written = credentialsFile;
        Path reasons = reasonFile;
        List<String> run = method == Method.VIA_FILE ? command.with(written.toString()) : command.words();
        return scripts.runner().run(run, env, scripts.limit()).thenApply(outcome -> {
            removeQuietly(written);
            String reason = readReason(reasons);
            removeQuietly(reasons);
            String described = "auth-user-pass-verify " + command.program() + " " + outcome.describe(scripts.limit());
            if (outcome.exitedWith(0)) {
                return AuthVerdict.accept(described);
            }
            return reason == null ? AuthVerdict.deny(described) : AuthVerdict.deny(described + " (reason: " + reason + ")", reason);
        });
    }

    /** Writes the via-file content; the buffer is wiped once written. */
    private static void writeCredentials(Path file, AuthRequest request) throws IOException {
        byte[] content = credentialsFile(request);
        try {
            Files.write(file, content);
        } finally {
            Arrays.fill(content, (byte) 0);
        }
    }

    /**
     * {@code username\npassword\n}, as 2.6 writes it. Both are made one line first, as 2.6 remaps
     * them: a client must not add a line the script reads as the password.
     */
    static byte[] credentialsFile(AuthRequest request) {
        byte[] user = ScriptEnvironment.printable(request.username()).getBytes(StandardCharsets.UTF_8);
        byte[] password = oneLine(request.password());
        byte[] content = new byte[user.length + password.length + 2];
        System.arraycopy(user, 0, content, 0, user.length);
        content[user.length] = '\n';
        System.arraycopy(password, 0, content, user.length + 1, password.length);
        content[content.length - 1] = '\n';
        Arrays.fill(password, (byte) 0);
        return content;
    }

    /** A copy of the password with CR, LF and NUL made '_', as 2.6's string_mod leaves it for scripts. */
    private static byte[] oneLine(byte[] password) {
        byte[] copy = password.clone();
        for (int i = 0; i < copy.length; i++) {
            if (copy[i] == '\n' || copy[i] == '\r' || copy[i] == 0) {
                copy[i] = '_';
            }
        }
        return copy;
    }

    /** The first line of the reason file, if the script wrote one a client may be shown. */
    private static String readReason(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            String text = new String(bytes, 0, Math.min(bytes.length, MAX_REASON_BYTES), StandardCharsets.US_ASCII);
            int end = text.indexOf('\n');
            String line = (end < 0 ? text : text.substring(0, end)).strip();
            if (line.isEmpty() || line.length() > AuthVerdict.MAX_CLIENT_REASON
                    || !line.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
                return null;
            }
            return line;
        } catch (IOException e) {
            return null;
        }
    }

    /** Overwrites a file that held a password before removing it; best effort, the file is the node's own. */
    private static void removeQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            long size = Files.size(file);
            if (size > 0) {
                Files.write(file, new byte[(int) Math.min(size, 4096)]);
            }
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // Gone already, or tmp-dir went away: nothing left to remove.
        }
    }

    @Override
    public String toString() {
        return "auth-user-pass-verify " + command.text() + " " + (method == Method.VIA_FILE ? "via-file" : "via-env");
    }
}

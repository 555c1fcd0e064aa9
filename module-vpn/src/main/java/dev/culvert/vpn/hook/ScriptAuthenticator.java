package dev.culvert.vpn.hook;

import dev.culvert.spi.hook.AuthRequest;
import dev.culvert.spi.hook.AuthVerdict;
import dev.culvert.spi.hook.ClientAuthenticator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * {@code auth-user-pass-verify SCRIPT via-env|via-file}: the client is accepted when the script
 * exits 0, as in 2.6. With {@code via-file} the script's last argument is a file in
 * {@code tmp-dir} holding the username and the password on two lines, readable by the node's
 * user only and removed once the script ended; with {@code via-env} the password is in the
 * {@code password} variable only under {@code script-security 3}, as 2.6 passes it.
 *
 * <p>A script that exits 2 defers its verdict, as in 2.6: it (or what it started) later writes
 * {@code 1} or {@code 0} into the file named by {@code auth_control_file}. The file is looked at
 * on the control timer until the verdict is there or the deferral window (2.6's: hand-window, or
 * half of reneg-sec when that is shorter) has passed, which refuses the client. The control file,
 * {@code auth_pending_file} and {@code auth_failed_reason_file} are made for each check,
 * readable by the node's user only, and removed once the verdict is in, the time is up, or the
 * server stopped waiting (the client left).
 *
 * <p>{@code auth_pending_file} is offered, as 2.6 offers it, but a script that writes it is
 * refused: 2.6 would then send the client {@code AUTH_PENDING} and {@code INFO_PRE} (web or
 * OpenURL sign-on) while it waits, and the auth slot has no way to send a client anything before
 * its verdict. The log says so; deferring without the pending file works.
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
    /** 2.6's exit code for "the verdict follows in auth_control_file". */
    static final int DEFERRED = 2;
    private static final int MAX_REASON_BYTES = 1024;

    private final ScriptCommand command;
    private final Method method;
    private final boolean passwordInEnvironment;
    private final Scripts scripts;
    private final Duration deferralWindow;
    private final ControlTimer timer;

    /**
     * @param passwordInEnvironment whether {@code via-env} may put the password in the environment
     *                              ({@code script-security 3})
     * @param deferralWindow        how long after it was asked a deferred verdict may take
     * @param timer                 the control timer the control file is looked at on
     */
    public ScriptAuthenticator(ScriptCommand command, Method method, boolean passwordInEnvironment, Scripts scripts,
                               Duration deferralWindow, ControlTimer timer) {
        this.command = command;
        this.method = method;
        this.passwordInEnvironment = passwordInEnvironment;
        this.scripts = scripts;
        this.deferralWindow = deferralWindow;
        this.timer = timer;
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * The returned stage is this authenticator's own: when the server completes or cancels it
     * (no answer in its time, the client left), the files go at once and the control file is no
     * longer looked at.
     */
    @Override
    public CompletionStage<AuthVerdict> authenticate(AuthRequest request) {
        long askedNanos = System.nanoTime();
        Map<String, String> env = new HashMap<>(scripts.environment().userPassVerify(request));
        Path credentialsFile = null;
        Path reasonFile = null;
        Path controlFile = null;
        Path pendingFile = null;
        try {
            reasonFile = scripts.privateFile("openvpn_afr_");
            controlFile = scripts.privateFile("openvpn_acf_");
            pendingFile = scripts.privateFile("openvpn_apf_");
            env.put("auth_failed_reason_file", reasonFile.toString());
            env.put("auth_control_file", controlFile.toString());
            env.put("auth_pending_file", pendingFile.toString());
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
            removeQuietly(controlFile);
            removeQuietly(pendingFile);
            return CompletableFuture.completedFuture(AuthVerdict.deny("the script's file in tmp-dir " + scripts.tmpDir()
                    + " could not be written (" + e.getMessage() + "); check that the directory exists and the node may write it"));
        }
        Path written = credentialsFile;
        Path reasons = reasonFile;
        Path control = controlFile;
        Path pending = pendingFile;
        CompletableFuture<AuthVerdict> verdict = new CompletableFuture<>();
        Runnable removeFiles = () -> {
            removeQuietly(written);
            removeQuietly(reasons);
            removeQuietly(control);
            removeQuietly(pending);
        };
        // Completed from outside (the server's time limit, the client left): the files go at once.
        verdict.whenComplete((v, failure) -> removeFiles.run());
        // Completed here: the files go first, so that whoever sees the verdict finds them gone.
        Consumer<AuthVerdict> settle = v -> {
            removeFiles.run();
            verdict.complete(v);
        };
        List<String> run = method == Method.VIA_FILE ? command.with(written.toString()) : command.words();
        scripts.runner().run(run, env, scripts.limit()).thenAccept(outcome -> {
            removeQuietly(written);
            if (verdict.isDone()) {
                return;
            }
            String described = "auth-user-pass-verify " + command.program() + " " + outcome.describe(scripts.limit());
            if (outcome.exitedWith(0)) {
                settle.accept(AuthVerdict.accept(described));
            } else if (!outcome.exitedWith(DEFERRED)) {
                settle.accept(refusal(described, reasons));
            } else if (AuthControlFile.firstByte(pending) >= 0) {
                settle.accept(AuthVerdict.deny(described + " and asked for pending authentication in auth_pending_file, which"
                        + " Culvert does not offer (it cannot send AUTH_PENDING or INFO_PRE to a client before its verdict);"
                        + " defer without auth_pending_file: write only auth_control_file"));
            } else {
                long deadline = askedNanos + deferralWindow.toNanos();
                CompletableFuture<AuthControlFile.Result> watching = AuthControlFile.watch(control, timer, deadline);
                watching.thenAccept(result -> settle.accept(switch (result) {
                    case ACCEPTED -> AuthVerdict.accept(described + ", then wrote 1 to auth_control_file");
                    case REFUSED -> refusal(described + ", then wrote 0 to auth_control_file", reasons);
                    case NO_VERDICT_IN_TIME -> AuthVerdict.deny(described + " but wrote no verdict to auth_control_file within "
                            + (deferralWindow.toMillis() % 1000 == 0 ? deferralWindow.toSeconds() + " s" : deferralWindow.toMillis() + " ms")
                            + " (hand-window, or half of reneg-sec when shorter)");
                }));
                // The server gave up or the client left: stop looking at the file.
                verdict.whenComplete((v, failure) -> watching.cancel(false));
            }
        });
        return verdict;
    }

    private static AuthVerdict refusal(String described, Path reasons) {
        String reason = readReason(reasons);
        return reason == null ? AuthVerdict.deny(described) : AuthVerdict.deny(described + " (reason: " + reason + ")", reason);
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

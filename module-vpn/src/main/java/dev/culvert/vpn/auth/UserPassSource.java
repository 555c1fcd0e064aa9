package dev.culvert.vpn.auth;

import dev.culvert.spi.config.ConfigException;
import dev.culvert.spi.config.Directive;
import dev.culvert.vpn.keys.Credentials;
import dev.culvert.vpn.keys.KeyMethod2Codec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Arrays;
import java.util.Set;

/**
 * Where an {@code auth-user-pass} line takes the username and password from, read as 2.6 reads
 * them (misc.c {@code get_user_pass_cr}): a file or an inline {@code <auth-user-pass>} block with
 * the username on line 1 and the password on line 2 (trailing CR and LF cut); a file without the
 * password line has it asked on the terminal; no file at all has both asked there. Every refusal
 * names the configuration line, the file and the fix; the password never appears in one.
 */
public final class UserPassSource {
    /** The longest username or password 2.6 reads ({@code USER_PASS_LEN}, less the NUL). */
    static final int MAX_LENGTH = KeyMethod2Codec.MAX_USER_PASS - 1;
    private static final System.Logger LOG = System.getLogger(UserPassSource.class.getName());
    private static final String FIX = "write the username on line 1 and the password on line 2";
    private static final String NO_TERMINAL_FIX = "give them in a file: 'auth-user-pass FILE' with the username on line 1 and the "
            + "password on line 2 (chmod 600), or an inline <auth-user-pass> block";

    private final Directive line;
    private final Path file;

    private UserPassSource(Directive line, Path file) {
        this.line = line;
        this.file = file;
    }

    /** The source an {@code auth-user-pass [FILE]} line (or block) names; a file is resolved against the configuration's directory. */
    public static UserPassSource from(Directive d) throws ConfigException {
        d.expectArgs(0, 1, "auth-user-pass [FILE] (or an inline <auth-user-pass> block)");
        if (d.args().isEmpty() || d.inline()) {
            return new UserPassSource(d, null);
        }
        return new UserPassSource(d, d.resolve(d.args().get(0)));
    }

    /** Whether the username and password are asked on the terminal, with no file or block. */
    public boolean asksTerminal() {
        return file == null && !line.inline();
    }

    /**
     * Whether 2.6 asks a management client ({@code management-query-passwords}) rather than the
     * file: with no file (misc.c {@code get_user_pass_cr}), or a file without the password line, for
     * which 2.6 asks both there. An inline block is read as it is.
     */
    public boolean managementAsks() throws ConfigException {
        if (asksTerminal()) {
            return true;
        }
        if (line.inline()) {
            return false;
        }
        byte[] content = fileBytes();
        try {
            int start2 = Math.min(lineEnd(content, 0) + 1, content.length);
            return chomp(content, start2, lineEnd(content, start2)) == start2;
        } finally {
            Arrays.fill(content, (byte) 0);
        }
    }

    /**
     * Checks what the file or block holds, as {@code --check} and start do, without asking for
     * anything; the bytes read are wiped.
     */
    public void check() throws ConfigException {
        if (!asksTerminal()) {
            read(null, true).wipe();
        }
    }

    /** The username and password, asking {@code terminal} (null: there is none) for what the file or block lacks. */
    public Credentials read(Terminal terminal) throws ConfigException {
        return read(terminal, false);
    }

    private Credentials read(Terminal terminal, boolean checkOnly) throws ConfigException {
        if (asksTerminal()) {
            if (terminal == null) {
                throw new ConfigException(line, "'auth-user-pass' without a file asks for the username and password on the terminal, "
                        + "and this node has none (a service manager, a pipe)", NO_TERMINAL_FIX);
            }
            String user = terminal.ask("Enter Auth Username: ");
            byte[] pass = user == null || user.isEmpty() ? null : terminal.askSecret("Enter Auth Password: ");
            if (pass == null) {
                throw new ConfigException(line, "no username and password were typed at the terminal", "type them, or " + NO_TERMINAL_FIX);
            }
            return owned(user, pass, "typed password");
        }
        byte[] content = line.inline() ? line.args().get(0).getBytes(StandardCharsets.UTF_8) : fileBytes();
        try {
            int end1 = lineEnd(content, 0);
            String user = new String(content, 0, chomp(content, 0, end1), StandardCharsets.UTF_8);
            if (user.isEmpty()) {
                throw new ConfigException(line, what() + " has an empty username on line 1", FIX);
            }
            if (user.getBytes(StandardCharsets.UTF_8).length > MAX_LENGTH) {
                throw new ConfigException(line, what() + ": the username on line 1 is longer than " + MAX_LENGTH + " bytes",
                        "OpenVPN takes at most " + MAX_LENGTH + "; " + FIX);
            }
            int start2 = Math.min(end1 + 1, content.length);
            int end2 = lineEnd(content, start2);
            int length2 = chomp(content, start2, end2) - start2;
            if (start2 >= content.length) {
                return askPassword(user, terminal, checkOnly);
            }
            if (length2 > MAX_LENGTH) {
                throw new ConfigException(line, what() + ": the password on line 2 is longer than " + MAX_LENGTH + " bytes",
                        "OpenVPN takes at most " + MAX_LENGTH + "; " + FIX);
            }
            return owned(user, Arrays.copyOfRange(content, start2, start2 + length2), "password");
        } finally {
            Arrays.fill(content, (byte) 0);
        }
    }

    /** 2.6 asks for a password a file or block leaves out; without a terminal that is a refusal. */
    private Credentials askPassword(String user, Terminal terminal, boolean checkOnly) throws ConfigException {
        if (checkOnly) {
            return Credentials.of(user, "");
        }
        byte[] pass = terminal == null ? null : terminal.askSecret("Enter Auth Password: ");
        if (pass == null) {
            throw new ConfigException(line, what() + " has the username but no password on line 2, and there is no terminal to ask for it",
                    "add the password on line 2, or start Culvert from a terminal");
        }
        return owned(user, pass, "typed password");
    }

    private Credentials owned(String user, byte[] pass, String what) throws ConfigException {
        try {
            if (pass.length > MAX_LENGTH) {
                throw new ConfigException(line, "the " + what + " is longer than " + MAX_LENGTH + " bytes", "OpenVPN takes at most " + MAX_LENGTH);
            }
            for (byte b : pass) {
                if (b == 0) {
                    throw new ConfigException(line, "the " + what + " contains a NUL byte", "key method 2 cannot carry it; " + FIX);
                }
            }
            return new Credentials(user, pass);
        } finally {
            Arrays.fill(pass, (byte) 0);
        }
    }

    private byte[] fileBytes() throws ConfigException {
        try {
            byte[] bytes = Files.readAllBytes(file);
            warnIfOthersMayRead();
            return bytes;
        } catch (IOException | SecurityException e) {
            throw new ConfigException(line, "cannot read the auth-user-pass file " + file + " (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")",
                    "create it, readable by the user Culvert runs as (chmod 600), and " + FIX);
        }
    }

    /** 2.6 warns when a credentials file is group or others accessible; so does Culvert. */
    private void warnIfOthersMayRead() {
        try {
            Set<PosixFilePermission> p = Files.getPosixFilePermissions(file);
            if (p.contains(PosixFilePermission.GROUP_READ) || p.contains(PosixFilePermission.OTHERS_READ)) {
                LOG.log(System.Logger.Level.WARNING, "file '" + file + "' is group or others accessible (chmod 600 it)");
            }
        } catch (IOException | UnsupportedOperationException e) {
            // Not a POSIX file system: nothing to say.
        }
    }

    private String what() {
        return line.inline() ? "the inline <auth-user-pass> block" : "the auth-user-pass file " + file;
    }

    private static int lineEnd(byte[] b, int from) {
        int i = from;
        while (i < b.length && b[i] != '\n') {
            i++;
        }
        return i;
    }

    /** The end of {@code [from, to)} without trailing CR and LF, as 2.6's {@code chomp}. */
    private static int chomp(byte[] b, int from, int to) {
        int end = to;
        while (end > from && (b[end - 1] == '\r' || b[end - 1] == '\n')) {
            end--;
        }
        return end;
    }

    @Override
    public String toString() {
        return asksTerminal() ? "the terminal" : what();
    }
}

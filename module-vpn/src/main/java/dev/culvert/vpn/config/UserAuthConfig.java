package dev.culvert.vpn.config;

import dev.culvert.core.config.Config;
import dev.culvert.spi.config.ConfigException;
import dev.culvert.spi.config.Directive;
import dev.culvert.vpn.hook.ScriptAuthenticator;
import dev.culvert.vpn.hook.ScriptCommand;
import java.nio.file.Path;
import java.util.Optional;

/**
 * How a server checks its clients' usernames and passwords, as 2.6's options.c reads it:
 * {@code auth-user-pass-verify SCRIPT via-env|via-file} (which needs {@code script-security 2},
 * and 3 for the password to reach a via-env script), {@code auth-user-pass-optional} (a client may
 * send none), {@code username-as-common-name}, and {@code tmp-dir} for the files handed to
 * scripts. The script must exist and be executable when the configuration is read, as 2.6 checks
 * at start, so that {@code --check} says what start would.
 *
 * @param verify               the script, if any
 * @param scriptSecurity       the {@code script-security} level (2.6's default 1)
 * @param userPassOptional     whether a client without a username is still asked about
 * @param usernameAsCommonName whether the accepted username replaces the certificate's name
 * @param tmpDir               where scripts' files are written (2.6's default: the system's)
 */
public record UserAuthConfig(Optional<VerifyScript> verify, int scriptSecurity, boolean userPassOptional,
                             boolean usernameAsCommonName, Path tmpDir) {
    static final String VERIFY = "auth-user-pass-verify";
    static final String OPTIONAL = "auth-user-pass-optional";
    static final String AS_COMMON_NAME = "username-as-common-name";
    static final String SCRIPT_SECURITY = "script-security";
    static final String TMP_DIR = "tmp-dir";
    static final int DEFAULT_SCRIPT_SECURITY = 1;
    /** 2.6's SSC_SCRIPTS: external programs may run. */
    static final int SCRIPTS_ALLOWED = 2;
    /** 2.6's SSC_PW_ENV: passwords may be put in a script's environment. */
    static final int PASSWORDS_IN_ENVIRONMENT = 3;
    private static final String VERIFY_USAGE = "auth-user-pass-verify SCRIPT via-env|via-file, e.g. auth-user-pass-verify"
            + " /etc/openvpn/check-user via-file";

    /** The script and how it gets the credentials. */
    public record VerifyScript(ScriptCommand command, ScriptAuthenticator.Method method) {
    }

    /** No script, nothing optional: what a configuration without these lines means. */
    public static UserAuthConfig none() {
        return new UserAuthConfig(Optional.empty(), DEFAULT_SCRIPT_SECURITY, false, false, defaultTmpDir());
    }

    /** Reads the lines; a mistake is named at its line. */
    public static UserAuthConfig from(Config config) throws ConfigException {
        int level = DEFAULT_SCRIPT_SECURITY;
        Optional<Directive> securityLine = config.last(SCRIPT_SECURITY);
        if (securityLine.isPresent()) {
            level = scriptSecurity(securityLine.get());
        }
        Path tmpDir = defaultTmpDir();
        Optional<Directive> tmpLine = config.last(TMP_DIR);
        if (tmpLine.isPresent()) {
            tmpLine.get().expectArgs(1, 1, "tmp-dir DIR");
            tmpDir = tmpLine.get().resolve(tmpLine.get().args().get(0));
        }
        Optional<VerifyScript> verify = Optional.empty();
        Optional<Directive> verifyLine = config.last(VERIFY);
        if (verifyLine.isPresent()) {
            Directive d = verifyLine.get();
            VerifyScript script = verifyScript(d);
            ScriptCommand checked = ScriptLines.runnable(d, script.command(), level, securityLine.isEmpty(), tmpDir, tmpLine);
            verify = Optional.of(new VerifyScript(checked, script.method()));
        }
        return new UserAuthConfig(verify, level, config.has(OPTIONAL), config.has(AS_COMMON_NAME), tmpDir);
    }

    /** Checks one line alone, for {@code --check}'s per-line pass. */
    static void check(Directive d) throws ConfigException {
        switch (d.name()) {
            case VERIFY -> verifyScript(d);
            case SCRIPT_SECURITY -> scriptSecurity(d);
            case TMP_DIR -> d.expectArgs(1, 1, "tmp-dir DIR");
            default -> d.expectArgs(0, 0, d.name());
        }
    }

    private static VerifyScript verifyScript(Directive d) throws ConfigException {
        d.expectArgs(2, 2, VERIFY_USAGE);
        ScriptAuthenticator.Method method = switch (d.args().get(1)) {
            case "via-env" -> ScriptAuthenticator.Method.VIA_ENV;
            case "via-file" -> ScriptAuthenticator.Method.VIA_FILE;
            default -> throw new ConfigException(d, "the method '" + d.args().get(1) + "' is neither via-env nor via-file",
                    "write " + VERIFY_USAGE);
        };
        return new VerifyScript(ScriptLines.command(d, d.args().get(0), VERIFY_USAGE), method);
    }

    static int scriptSecurity(Directive d) throws ConfigException {
        d.expectArgs(1, 1, "script-security 0|1|2|3");
        int level = VpnDirectives.number(d, d.args().get(0), "script security level");
        if (level > 3) {
            throw new ConfigException(d, "script-security must be 0 to 3", "write script-security 2 to allow scripts");
        }
        return level;
    }

    /** Whether a via-env script sees the password: 2.6 withholds it below {@code script-security 3}. */
    public boolean passwordInEnvironment() {
        return scriptSecurity >= PASSWORDS_IN_ENVIRONMENT;
    }

    private static Path defaultTmpDir() {
        return Path.of(System.getProperty("java.io.tmpdir", "/tmp"));
    }
}

package dev.culvert.vpn.config;

import dev.culvert.spi.config.ConfigException;
import dev.culvert.spi.config.Directive;
import dev.culvert.vpn.hook.ScriptCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A directive that names a script, checked as 2.6 checks it at start ({@code check_cmd_access}):
 * the command can be split into words, {@code script-security} allows scripts, the program
 * exists and is executable, and {@code tmp-dir} can take the files handed to it. Each mistake
 * is named at its line with the fix.
 */
final class ScriptLines {
    private ScriptLines() {
    }

    /** {@code text} split into words; a refusal names the line. */
    static ScriptCommand command(Directive d, String text, String usage) throws ConfigException {
        try {
            return ScriptCommand.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(d, "the script command '" + text + "' cannot be read: " + e.getMessage(), "write " + usage);
        }
    }

    /**
     * {@code command} with its program resolved as 2.6 resolves files, once the checks passed.
     *
     * @param levelIsDefault whether no {@code script-security} line set {@code level}
     * @param tmpLine        the {@code tmp-dir} line, if any, to name when the directory is unusable
     */
    static ScriptCommand runnable(Directive d, ScriptCommand command, int level, boolean levelIsDefault, Path tmpDir,
                                  Optional<Directive> tmpLine) throws ConfigException {
        if (level < UserAuthConfig.SCRIPTS_ALLOWED) {
            throw new ConfigException(d, "'" + d.name() + "' runs a script, and 'script-security " + level + "'"
                    + (levelIsDefault ? " (the default)" : "") + " allows none",
                    "add 'script-security 2' (3 if a via-env script must see the password)");
        }
        ScriptCommand resolved = executable(d, command);
        if (!Files.isDirectory(tmpDir) || !Files.isWritable(tmpDir)) {
            throw new ConfigException(tmpLine.orElse(d), "the directory for the scripts' files, " + tmpDir + ", is not a writable directory",
                    "create it, writable by the node's user only, or name another with 'tmp-dir DIR'");
        }
        return resolved;
    }

    /** {@code command} with its program resolved as 2.6 resolves files; refused unless that is an executable file. */
    static ScriptCommand executable(Directive d, ScriptCommand command) throws ConfigException {
        Path program = d.resolve(command.program());
        if (!Files.isRegularFile(program) || !Files.isExecutable(program)) {
            throw new ConfigException(d, "the script " + program + " " + (Files.exists(program) ? "is not executable" : "does not exist"),
                    "give the script's full path and make it executable (chmod +x " + program + ")");
        }
        return command.withProgram(program.toString());
    }
}

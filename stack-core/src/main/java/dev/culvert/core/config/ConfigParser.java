package dev.culvert.core.config;

import dev.culvert.spi.config.ConfigException;
import dev.culvert.spi.config.Directive;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tokenises OpenVPN configuration text, following OpenVPN 2.6's {@code parse_line}: a directive
 * per line; a token starting with {@code #} or {@code ;} begins a comment; double quotes group and
 * honour backslash escapes, single quotes group literally; a backslash outside quotes escapes the
 * next character; a leading {@code --} on the directive is accepted; {@code <tag>} … {@code </tag>}
 * on lines of their own form an inline block; {@code config FILE} includes another file.
 *
 * <p>{@code cd DIR} is OpenVPN's {@code chdir} while it parses: 2.6 reads the files its options
 * name only after parsing, so every relative file name in the configuration, before the line or
 * after it, is taken from {@code DIR} ({@link Directive#resolve}), as are later {@code config}
 * includes. A JVM cannot change its working directory, so the parser records {@code DIR} on every
 * directive instead. {@code DIR} itself, when relative, is taken from the file that names it (or
 * an earlier {@code cd}).
 *
 * <p>Every limit is bounded and every error names the file, the line and the fix.
 */
public final class ConfigParser {
    /** Longer lines are refused: OpenVPN's own limit is 256, inline blocks aside. */
    public static final int MAX_LINE = 4096;
    /** OpenVPN allows at most 16 parameters per directive. */
    public static final int MAX_ARGS = 16;
    /** Inline blocks hold keys and certificates; a few hundred KiB is generous. */
    public static final int MAX_INLINE_CHARS = 512 * 1024;
    public static final int MAX_FILE_BYTES = 4 * 1024 * 1024;
    /** {@code config} includes nest at most this deep, as in OpenVPN. */
    public static final int MAX_INCLUDE_DEPTH = 10;

    private static final Pattern OPEN_TAG = Pattern.compile("^\\s*<([A-Za-z0-9][A-Za-z0-9_-]*)>\\s*$");

    private ConfigParser() {
    }

    /** Reads and parses a file, following {@code config} includes relative to the including file. */
    public static List<Directive> parse(Path file) throws ConfigException {
        Parsed out = new Parsed();
        parseFile(file, file.toString(), 0, out);
        return out.directives();
    }

    /** Parses text; {@code source} names it in errors. {@code config} includes resolve against the working directory. */
    public static List<Directive> parse(String text, String source) throws ConfigException {
        Parsed out = new Parsed();
        parseText(text, source, null, 0, out);
        return out.directives();
    }

    /** What a parse collects: the directives in order, and the directory the last {@code cd} named. */
    private static final class Parsed {
        final List<Directive> lines = new ArrayList<>();
        Path cd;

        void add(Directive d) {
            lines.add(d);
        }

        List<Directive> directives() {
            return cd == null ? lines : lines.stream().map(d -> d.withCd(cd)).toList();
        }

        /** {@code cd DIR}: relative to an earlier {@code cd}, else to the naming file's directory. */
        void cd(Directive d, Path baseDir) throws ConfigException {
            d.expectArgs(1, 1, "cd DIR");
            Path dir = Path.of(d.args().get(0));
            Path from = cd != null ? cd : baseDir;
            if (!dir.isAbsolute() && from != null) {
                dir = from.resolve(dir);
            }
            dir = dir.toAbsolutePath().normalize();
            if (!Files.isDirectory(dir)) {
                throw new ConfigException(d, "cd to '" + dir + "' failed: it is not a directory",
                        "create it, or name an existing directory (a relative one is taken from " + (from == null
                                ? "the working directory" : from) + ")");
            }
            cd = dir;
        }
    }

    private static void parseFile(Path file, String where, int depth, Parsed out) throws ConfigException {
        String text;
        try {
            if (Files.isDirectory(file)) {
                throw new ConfigException(where, "configuration file " + file + " is a directory", "name a file");
            }
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new ConfigException(where, "configuration file " + file + " is " + size + " bytes", "configuration files are limited to " + MAX_FILE_BYTES + " bytes");
            }
            byte[] bytes = Files.readAllBytes(file);
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (NoSuchFileException e) {
            throw new ConfigException(where, "configuration file " + file + " does not exist", "check the path (relative paths are taken from " + Path.of("").toAbsolutePath() + ")");
        } catch (CharacterCodingException e) {
            throw new ConfigException(where, "configuration file " + file + " is not valid UTF-8 text", "save it as UTF-8 (or plain ASCII)");
        } catch (IOException e) {
            throw new ConfigException(where, "cannot read configuration file " + file + ": " + e.getMessage(), "check its permissions");
        }
        parseText(text, file.toString(), file.toAbsolutePath().getParent(), depth, out);
    }

    private static void parseText(String text, String source, Path baseDir, int depth, Parsed out) throws ConfigException {
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int lineNo = i + 1;
            String line = lines[i];
            if (lineNo == 1 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            String where = source + ":" + lineNo;
            if (line.length() > MAX_LINE) {
                throw new ConfigException(where, "line is " + line.length() + " characters long", "lines are limited to " + MAX_LINE + " characters");
            }
            Matcher open = OPEN_TAG.matcher(line);
            if (open.matches()) {
                String tag = open.group(1);
                String close = "</" + tag + ">";
                StringBuilder body = new StringBuilder();
                int j = i + 1;
                while (j < lines.length && !lines[j].trim().equals(close)) {
                    body.append(lines[j]).append('\n');
                    if (body.length() > MAX_INLINE_CHARS) {
                        throw new ConfigException(where, "inline block <" + tag + "> is longer than " + MAX_INLINE_CHARS + " characters", "check that it is closed with " + close);
                    }
                    j++;
                }
                if (j == lines.length) {
                    throw new ConfigException(where, "inline block <" + tag + "> is never closed", "add a line " + close + " after its contents");
                }
                out.add(new Directive(tag, List.of(body.toString()), source, lineNo, true));
                i = j;
                continue;
            }
            List<String> tokens = tokenize(line, where);
            if (tokens.isEmpty()) {
                continue;
            }
            String name = tokens.get(0);
            if (name.startsWith("--")) {
                name = name.substring(2);
            }
            if (name.startsWith("</")) {
                throw new ConfigException(where, "closing tag " + name + " without an opening one", "remove it, or add the opening <" + name.substring(2));
            }
            if (name.isEmpty()) {
                throw new ConfigException(where, "empty directive name", "remove the stray '--'");
            }
            List<String> args = tokens.subList(1, tokens.size());
            if (args.size() > MAX_ARGS) {
                throw new ConfigException(where, "'" + name + "' has " + args.size() + " arguments", "OpenVPN directives take at most " + MAX_ARGS);
            }
            Directive directive = new Directive(name, args, source, lineNo, false);
            if (name.equals("config")) {
                include(directive, out.cd != null ? out.cd : baseDir, depth, out);
            } else {
                if (name.equals("cd")) {
                    out.cd(directive, baseDir);
                }
                out.add(directive);
            }
        }
    }

    private static void include(Directive directive, Path baseDir, int depth, Parsed out) throws ConfigException {
        directive.expectArgs(1, 1, "config FILE");
        if (depth + 1 > MAX_INCLUDE_DEPTH) {
            throw new ConfigException(directive, "'config' includes nest deeper than " + MAX_INCLUDE_DEPTH, "check for a file that includes itself");
        }
        Path target = Path.of(directive.args().get(0));
        if (!target.isAbsolute() && baseDir != null) {
            target = baseDir.resolve(target);
        }
        parseFile(target, directive.where(), depth + 1, out);
    }

    /** Splits one line into tokens, or returns an empty list for a blank or comment line. */
    static List<String> tokenize(String line, String where) throws ConfigException {
        List<String> tokens = new ArrayList<>();
        StringBuilder token = new StringBuilder();
        boolean inToken = false;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote == '\'') {
                if (c == '\'') {
                    quote = 0;
                } else {
                    token.append(c);
                }
                continue;
            }
            if (c == '\\' && quote == '"' || c == '\\' && quote == 0) {
                if (i + 1 >= line.length()) {
                    throw new ConfigException(where, "line ends with a lone backslash", "remove it, or write \\\\ for a backslash");
                }
                token.append(line.charAt(++i));
                inToken = true;
                continue;
            }
            if (quote == '"') {
                if (c == '"') {
                    quote = 0;
                } else {
                    token.append(c);
                }
                continue;
            }
            if (c == '"' || c == '\'') {
                quote = c;
                inToken = true;
                continue;
            }
            if (Character.isWhitespace(c)) {
                if (inToken) {
                    tokens.add(token.toString());
                    token.setLength(0);
                    inToken = false;
                }
                continue;
            }
            if (!inToken && (c == '#' || c == ';')) {
                break;
            }
            if (Character.isISOControl(c)) {
                throw new ConfigException(where, "control character U+" + String.format("%04X", (int) c) + " in line", "remove it (was the file edited on another system?)");
            }
            token.append(c);
            inToken = true;
        }
        if (quote != 0) {
            throw new ConfigException(where, "unterminated " + (quote == '"' ? "double" : "single") + " quote", "close the quote with " + quote);
        }
        if (inToken) {
            tokens.add(token.toString());
        }
        return tokens;
    }
}

package dev.culvert.vpn.hook;

import java.util.ArrayList;
import java.util.List;

/**
 * A script as a directive names it: one argument that may hold the program and its own
 * arguments, split into words as 2.6's {@code argv_parse_cmd} splits it (spaces separate words,
 * double or single quotes keep spaces inside one). Culvert appends its own arguments after these,
 * as 2.6 does.
 *
 * @param text  the argument as written, for messages
 * @param words the program, then its arguments
 */
public record ScriptCommand(String text, List<String> words) {
    public ScriptCommand {
        words = List.copyOf(words);
        if (words.isEmpty()) {
            throw new IllegalArgumentException("a script command needs a program");
        }
    }

    /** Splits {@code text}; throws {@link IllegalArgumentException} for an empty command or an open quote. */
    public static ScriptCommand parse(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("the quote " + quote + " is not closed");
        }
        if (inWord) {
            words.add(word.toString());
        }
        if (words.isEmpty()) {
            throw new IllegalArgumentException("the command is empty");
        }
        return new ScriptCommand(text, words);
    }

    /** The program: the first word. */
    public String program() {
        return words.get(0);
    }

    /** The same command with its program named by {@code program} (its path resolved, say). */
    public ScriptCommand withProgram(String program) {
        List<String> all = new ArrayList<>(words);
        all.set(0, program);
        return new ScriptCommand(text, all);
    }

    /** The words with {@code extra} appended. */
    public List<String> with(String... extra) {
        List<String> all = new ArrayList<>(words);
        all.addAll(List.of(extra));
        return all;
    }
}

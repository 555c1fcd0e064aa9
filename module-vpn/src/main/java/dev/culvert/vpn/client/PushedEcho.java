package dev.culvert.vpn.client;

import dev.culvert.vpn.push.PushReply;
import java.util.ArrayList;
import java.util.List;

/**
 * A pushed {@code echo} option, as a 2.6 client takes it (options.c, the {@code echo} option with
 * {@code OPT_P_ECHO}): its words joined by single spaces go to the management interface's echo
 * buffer, where a GUI reads them ({@code >ECHO:}). Only a text whose first word starts with
 * {@code msg} is also logged, as {@code ECHO-PULL:text}: other echo lines may carry what a server
 * tells a GUI in confidence, so 2.6 keeps them out of its log.
 */
final class PushedEcho {
    private PushedEcho() {
    }

    /** The text of each {@code echo} option in {@code reply}, in the order pushed; empty for a bare {@code echo}. */
    static List<String> texts(PushReply reply) {
        List<String> texts = new ArrayList<>();
        for (String option : reply.rawOptions()) {
            String[] words = option.strip().split("[ \t]+");
            if (words[0].equals("echo")) {
                texts.add(String.join(" ", List.of(words).subList(1, words.length)));
            }
        }
        return texts;
    }

    /** The log line for {@code text}, or null where 2.6 does not log it. */
    static String logLine(String text) {
        return text.startsWith("msg") ? "ECHO-PULL:" + text : null;
    }
}

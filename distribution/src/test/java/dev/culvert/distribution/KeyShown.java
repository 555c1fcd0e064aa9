package dev.culvert.distribution;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The key a node's session seals with, as {@code culvert:sessions} shows it: its key id, the TLS
 * backend that made it, and the AEAD provider sealing with it (one session, AES-256-GCM).
 */
record KeyShown(int keyId, String tls, String aead) {
    private static final Pattern KEY_ORIGIN = Pattern.compile("AES-256-GCM\\s+(\\d+)\\s+(\\S+)\\s+(\\S+)");

    /** Types {@code culvert:sessions} into the node's shell and reads the answer. */
    static KeyShown of(GogoConsole node) throws Exception {
        return in(node, node.run("culvert:sessions", l -> l.matches(".*\\d+ sessions?\\s*$")));
    }

    /** The session's key in an answer to {@code culvert:sessions}; fails naming the node and the lines when there is none. */
    static KeyShown in(GogoConsole node, List<String> lines) {
        for (String line : lines) {
            Matcher m = KEY_ORIGIN.matcher(line);
            if (m.find()) {
                return new KeyShown(Integer.parseInt(m.group(1)), m.group(2), m.group(3));
            }
        }
        throw new AssertionError(node.node().label() + ": no session with a key in culvert:sessions:\n" + String.join("\n", lines));
    }
}

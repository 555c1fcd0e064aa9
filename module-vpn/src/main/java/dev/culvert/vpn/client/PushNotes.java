package dev.culvert.vpn.client;

import dev.culvert.vpn.push.PushReply;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What a client says about the parts of a push it does not act on, so that nothing the server
 * asked for is dropped without a line in the log: the parser's warnings (an option it does not
 * know, one the client's pull-filter or route-nopull removed) and the options it kept as text but
 * that no part of the client applies.
 */
final class PushNotes {
    /** The kept-as-text options some part of the client applies ({@code dhcp-option} and {@code dns} have a line of their own). */
    private static final Set<String> APPLIED = Set.of("redirect-gateway", "auth-token", "auth-token-user", "compress", "comp-lzo",
            "dhcp-option", "dns", "route-metric", "inactive", "session-timeout", "echo");
    /** What 2.6 itself ignores on Linux: Windows' DNS and DHCP handling. */
    private static final Set<String> LINUX_IGNORES = Set.of("block-outside-dns", "register-dns", "route-delay");

    private PushNotes() {
    }

    /** The log lines for {@code reply}, warnings first. */
    static List<String> of(PushReply reply) {
        List<String> lines = new ArrayList<>();
        for (String warning : reply.warnings()) {
            lines.add("push: " + warning);
        }
        for (String option : reply.rawOptions()) {
            String name = option.trim().split("[ \t]+", 2)[0];
            if (LINUX_IGNORES.contains(name)) {
                lines.add("push: '" + option + "' ignored, as 2.6 ignores it on Linux");
            } else if (!APPLIED.contains(name)) {
                lines.add("push: '" + option + "' is not applied by a Culvert client yet");
            }
        }
        return lines;
    }

    /**
     * The line for the {@code dhcp-option} and {@code dns} options of the file ({@code fromFile},
     * whole lines) and the push, which 2.6 on Linux hands only to its scripts; empty without any.
     */
    static java.util.Optional<String> keptForScripts(List<String> fromFile, PushReply reply) {
        List<String> kept = new ArrayList<>(fromFile);
        reply.rawOptions().stream().filter(o -> o.startsWith("dhcp-option ") || o.startsWith("dns ")).forEach(kept::add);
        if (kept.isEmpty()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(String.join(", ", kept) + ": kept, not applied (2.6 on Linux hands them only to its scripts, and"
                + " no up script is configured): set the resolver yourself, or add 'script-security 2' and an up script such as"
                + " 'up /etc/openvpn/update-resolv-conf'");
    }
}

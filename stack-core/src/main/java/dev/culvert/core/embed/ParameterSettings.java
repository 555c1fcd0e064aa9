package dev.culvert.core.embed;

import dev.culvert.core.config.Config;
import dev.culvert.spi.config.Directive;

/**
 * What 2.6 logs at {@code verb 4} when it starts ({@code D_SHOW_PARMS}, "Current Parameter
 * Settings"): every option in effect, here each directive as the configuration gives it, with
 * the file and line it came from. An inline block is shown as {@code [[INLINE]]}, as 2.6 shows
 * it, never with its text: blocks hold keys and certificates.
 */
final class ParameterSettings {
    private ParameterSettings() {
    }

    static String of(Config config) {
        StringBuilder out = new StringBuilder("Current Parameter Settings:");
        for (Directive d : config.directives()) {
            out.append("\n  ").append(d.name());
            if (d.inline()) {
                out.append(" [[INLINE]]");
            } else if (!d.args().isEmpty()) {
                out.append(' ').append(String.join(" ", d.args()));
            }
            out.append("  (").append(d.where()).append(')');
        }
        return out.toString();
    }
}

package dev.culvert.vpn.config;

import dev.culvert.core.config.Config;
import dev.culvert.spi.config.ConfigException;
import dev.culvert.spi.config.Directive;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a pulling client adds to its peer-info from its configuration, as 2.6's {@code push_peer_info}
 * does: {@code setenv IV_GUI_VER} and {@code setenv IV_SSO} always; with {@code push-peer-info}
 * (2.6's detail 3) also every {@code setenv UV_*} and {@code setenv IV_PLAT_VER}, and the host's
 * details ({@code IV_HWADDR}, {@code IV_SSL}, {@code IV_PLAT_VER}), which the client adds when it
 * connects.
 *
 * @param pushPeerInfo whether {@code push-peer-info} is set
 * @param variables    the {@code setenv} variables to send, by name (a later line wins)
 */
public record PeerInfoVariables(boolean pushPeerInfo, Map<String, String> variables) {
    /** A client without {@code push-peer-info} and without such {@code setenv} lines. */
    public static final PeerInfoVariables NONE = new PeerInfoVariables(false, Map.of());

    public PeerInfoVariables {
        variables = Map.copyOf(variables);
    }

    /** The configuration's {@code push-peer-info} and {@code setenv} lines. */
    public static PeerInfoVariables from(Config config) throws ConfigException {
        boolean all = config.has("push-peer-info");
        Map<String, String> sent = new TreeMap<>();
        for (Directive d : config.all("setenv")) {
            String name = d.args().get(0);
            boolean always = name.equals("IV_GUI_VER") || name.equals("IV_SSO");
            boolean detailed = name.startsWith("UV_") || name.equals("IV_PLAT_VER");
            if (always || (all && detailed)) {
                String value = d.args().size() > 1 ? d.args().get(1) : "";
                if (value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                    throw new ConfigException(d, "'setenv " + name + "' has a control character in its value, which peer-info cannot carry",
                            "write the value in printable characters");
                }
                sent.put(name, value);
            }
        }
        return new PeerInfoVariables(all, sent);
    }
}

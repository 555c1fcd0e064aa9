package dev.culvert.vpn.hook;

import dev.culvert.spi.hook.AuthRequest;
import java.net.Inet6Address;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The variables 2.6 sets for its scripts (its manual's "Environmental Variables"): the node's own
 * ({@code config}, {@code dev}, {@code verb}, {@code daemon}, ...) given once, and per call what
 * the hook is about: {@code script_type}, the client's {@code common_name}, {@code username},
 * {@code untrusted_ip} and {@code untrusted_port} (or {@code untrusted_ip6}), and its peer-info
 * ({@code IV_VER}, {@code IV_PLAT}, ...). A peer-info name that is not a plain identifier is left
 * out: a client must not set variables such as {@code LD_PRELOAD} in a script's environment.
 */
public final class ScriptEnvironment {
    private static final Pattern PEER_INFO_NAME = Pattern.compile("(IV|UV)_[A-Za-z0-9_]{1,64}");
    private static final int MAX_VALUE = 1024;

    private final Map<String, String> node;

    /** @param node the node's own variables, in every script's environment */
    public ScriptEnvironment(Map<String, String> node) {
        this.node = Map.copyOf(node);
    }

    /** The variables of {@code auth-user-pass-verify} for {@code request}, without the password. */
    public Map<String, String> userPassVerify(AuthRequest request) {
        Map<String, String> env = new LinkedHashMap<>(node);
        env.put("script_type", "user-pass-verify");
        request.peerInfo().forEach((name, value) -> {
            if (PEER_INFO_NAME.matcher(name).matches() && value.length() <= MAX_VALUE && value.chars().noneMatch(c -> c < 0x20)) {
                env.put(name, value);
            }
        });
        env.put("username", printable(request.username()));
        if (!request.commonName().isEmpty()) {
            env.put("common_name", printable(request.commonName()));
        }
        boolean v6 = request.remote().getAddress() instanceof Inet6Address;
        env.put(v6 ? "untrusted_ip6" : "untrusted_ip", request.remote().getAddress().getHostAddress());
        env.put("untrusted_port", Integer.toString(request.remote().getPort()));
        return env;
    }

    /** 2.6 replaces control characters in what a client chose with '_' before a script sees it. */
    static String printable(String text) {
        StringBuilder b = new StringBuilder(text.length());
        text.codePoints().forEach(c -> b.appendCodePoint(c < 0x20 || c == 0x7f ? '_' : c));
        return b.toString();
    }
}

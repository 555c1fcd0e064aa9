package dev.culvert.vpn.hook;

import dev.culvert.spi.hook.AuthRequest;
import dev.culvert.spi.hook.ClientInfo;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The variables 2.6 sets for its scripts (its manual's "Environmental Variables"): the node's own
 * ({@code dev}, {@code daemon}, ...) given once, and per call what the hook is about:
 * {@code script_type}, the client's {@code common_name}, {@code username}, its address
 * ({@code untrusted_ip}/{@code untrusted_port} before it is authenticated, {@code trusted_ip}/
 * {@code trusted_port} after), its addresses in the tunnel ({@code ifconfig_pool_remote_ip}, ...),
 * and its peer-info ({@code IV_VER}, {@code IV_PLAT}, ...). A peer-info name that is not a plain identifier is left
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
        Map<String, String> env = start("user-pass-verify", request.peerInfo());
        env.put("username", printable(request.username()));
        if (!request.commonName().isEmpty()) {
            env.put("common_name", printable(request.commonName()));
        }
        address(env, "untrusted", request.remote());
        return env;
    }

    /** The variables of {@code client-connect}: who the client is, where from, and its addresses in the tunnel. */
    public Map<String, String> clientConnect(ClientInfo client) {
        return client("client-connect", client);
    }

    /** The variables of {@code client-disconnect}: {@link #clientConnect}'s, and the session's bytes and duration. */
    public Map<String, String> clientDisconnect(ClientInfo client, long bytesReceived, long bytesSent, long seconds) {
        Map<String, String> env = client("client-disconnect", client);
        env.put("bytes_received", Long.toString(bytesReceived));
        env.put("bytes_sent", Long.toString(bytesSent));
        env.put("time_duration", Long.toString(seconds));
        return env;
    }

    /** The variables of {@code up}, {@code down} or {@code route-up} ({@code type}) for the tun device {@code tun}. */
    public Map<String, String> tunScript(String type, TunScriptContext tun) {
        Map<String, String> env = start(type, Map.of());
        env.put("dev", tun.dev());
        env.put("tun_mtu", Integer.toString(tun.tunMtu()));
        env.put("link_mtu", Integer.toString(tun.linkMtu()));
        env.put("ifconfig_local", tun.local());
        env.put(tun.subnet() ? "ifconfig_netmask" : "ifconfig_remote", tun.remoteOrNetmask());
        for (int i = 0; i < tun.foreignOptions().size(); i++) {
            // Pushed by the server: plain text only, never a second line.
            env.put("foreign_option_" + (i + 1), printable(tun.foreignOptions().get(i)));
        }
        if (tun.routeVpnGateway() != null) {
            env.put("route_vpn_gateway", tun.routeVpnGateway());
        }
        return env;
    }

    /** The variables of {@code ipchange}: the peer's address, now authenticated. */
    public Map<String, String> ipchange(InetSocketAddress peer) {
        Map<String, String> env = start("ipchange", Map.of());
        address(env, "trusted", peer);
        return env;
    }

    /**
     * The variables of {@code tls-verify}: those of the peer's certificates verified so far (from the
     * deepest to the one the call is about, already filtered as 2.6 filters them), and the address
     * the peer's packets come from, not yet authenticated.
     *
     * @param untrusted the peer's address, or null if it is not known
     */
    public Map<String, String> tlsVerify(InetSocketAddress untrusted, Map<String, String> certificates) {
        Map<String, String> env = start("tls-verify", Map.of());
        env.putAll(certificates);
        if (untrusted != null) {
            address(env, "untrusted", untrusted);
        }
        return env;
    }

    /** The variables of {@code learn-address}, whose arguments say the rest. */
    public Map<String, String> learnAddress() {
        return start("learn-address", Map.of());
    }

    private Map<String, String> client(String type, ClientInfo client) {
        Map<String, String> env = start(type, client.peerInfo());
        env.put("common_name", printable(client.commonName()));
        if (!client.username().isEmpty()) {
            env.put("username", printable(client.username()));
        }
        address(env, "trusted", client.remote());
        if (!client.virtualAddress().isEmpty()) {
            env.put("ifconfig_pool_remote_ip", client.virtualAddress());
            // 2.6 gives the netmask with topology subnet and the server's end of the /30 with net30.
            env.put(client.virtualNetmask().startsWith("255.") ? "ifconfig_pool_netmask" : "ifconfig_pool_local_ip",
                    client.virtualNetmask());
        }
        if (!client.virtualAddress6().isEmpty()) {
            env.put("ifconfig_pool_remote_ip6", client.virtualAddress6());
        }
        env.put("time_unix", Long.toString(System.currentTimeMillis() / 1000));
        return env;
    }

    private Map<String, String> start(String type, Map<String, String> peerInfo) {
        Map<String, String> env = new LinkedHashMap<>(node);
        env.put("script_type", type);
        peerInfo.forEach((name, value) -> {
            if (PEER_INFO_NAME.matcher(name).matches() && value.length() <= MAX_VALUE && value.chars().noneMatch(c -> c < 0x20)) {
                env.put(name, value);
            }
        });
        return env;
    }

    /** {@code PREFIX_ip} (or {@code PREFIX_ip6}) and {@code PREFIX_port}. */
    private static void address(Map<String, String> env, String prefix, InetSocketAddress remote) {
        boolean v6 = remote.getAddress() instanceof Inet6Address;
        env.put(prefix + (v6 ? "_ip6" : "_ip"), remote.getAddress().getHostAddress());
        env.put(prefix + "_port", Integer.toString(remote.getPort()));
    }

    /** 2.6 replaces control characters in what a client chose with '_' before a script sees it. */
    static String printable(String text) {
        StringBuilder b = new StringBuilder(text.length());
        text.codePoints().forEach(c -> b.appendCodePoint(c < 0x20 || c == 0x7f ? '_' : c));
        return b.toString();
    }
}

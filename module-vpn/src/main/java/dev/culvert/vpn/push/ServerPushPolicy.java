package dev.culvert.vpn.push;

import java.util.List;

/** What a server pushes to every client, as its configuration says ({@code dev.culvert.vpn.config.ServerConfig}). */
public interface ServerPushPolicy {
    /**
     * The global push list in 2.6's order: the {@code push} lines as written, then what
     * {@code server} adds ({@code route-gateway} in subnet topology, or a {@code route} in net30),
     * {@code topology}, then {@code ping} and {@code ping-restart} from {@code keepalive}.
     */
    List<String> globalPush();

    /** The server's {@code tun-mtu}, pushed to clients that announce {@code IV_MTU}. */
    int tunMtu();
}

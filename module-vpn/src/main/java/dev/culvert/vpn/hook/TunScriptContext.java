package dev.culvert.vpn.hook;

import java.util.List;

/**
 * What 2.6 tells its {@code up}, {@code down} and {@code route-up} scripts about the tun device:
 * the arguments {@code DEV TUN_MTU LINK_MTU LOCAL REMOTE_OR_NETMASK init} and the variables
 * ({@code dev}, {@code tun_mtu}, {@code ifconfig_local}, {@code ifconfig_netmask} or
 * {@code ifconfig_remote}, {@code foreign_option_N} for each {@code dhcp-option},
 * {@code route_vpn_gateway}).
 *
 * @param subnet          whether {@code remoteOrNetmask} is a netmask (topology subnet) or the remote end
 * @param foreignOptions  the {@code dhcp-option} lines, the configuration's first, then the pushed ones
 * @param routeVpnGateway the gateway of the tunnel's routes, or null
 */
public record TunScriptContext(String dev, int tunMtu, int linkMtu, String local, String remoteOrNetmask, boolean subnet,
                               List<String> foreignOptions, String routeVpnGateway) {
    public TunScriptContext {
        foreignOptions = List.copyOf(foreignOptions);
    }

    /** The command's words with 2.6's arguments after them. */
    List<String> argv(ScriptCommand command) {
        return command.with(dev, Integer.toString(tunMtu), Integer.toString(linkMtu), local, remoteOrNetmask, "init");
    }
}

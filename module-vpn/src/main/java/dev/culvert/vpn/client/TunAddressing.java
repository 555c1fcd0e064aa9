package dev.culvert.vpn.client;

import dev.culvert.spi.route.AddressText;
import dev.culvert.spi.link.LinkFactory;
import dev.culvert.vpn.push.PushReply;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies what the server pushed to the TUN device, as OpenVPN's client does with its ifconfig
 * and route calls: the address (a subnet address with its netmask, or a point-to-point pair in
 * net30 and p2p topology), the IPv6 address, the MTU, and the pushed routes through the tunnel.
 * Runs on the control side: each step starts {@code ip}.
 */
final class TunAddressing {
    private TunAddressing() {
    }

    /** The {@code ip} commands for a reply, in order; what {@link #apply} runs. */
    static List<List<String>> commands(String device, PushReply reply) {
        List<List<String>> commands = new ArrayList<>();
        commands.add(List.of("addr", "flush", "dev", device));
        if (reply.tunMtu() > 0) {
            commands.add(List.of("link", "set", "dev", device, "mtu", Integer.toString(reply.tunMtu())));
        }
        String gateway = reply.routeGateway();
        if (reply.ifconfig() != null) {
            String local = reply.ifconfig().localText();
            if (reply.effectiveTopology().secondIsNetmask()) {
                commands.add(List.of("addr", "add", local + "/" + prefixLength(reply.ifconfigNetmask()), "dev", device));
            } else {
                commands.add(List.of("addr", "add", local, "peer", reply.ifconfigRemote(), "dev", device));
                if (gateway == null) {
                    gateway = reply.ifconfigRemote();
                }
            }
        }
        if (reply.ifconfig6() != null) {
            commands.add(List.of("-6", "addr", "add", reply.ifconfig6().address() + "/" + reply.ifconfig6().prefixLength(), "dev", device));
        }
        for (PushReply.Route route : reply.routes()) {
            Integer parsed = route.netmask() == null ? Integer.valueOf(0xFFFF_FFFF) : AddressText.ipv4OrNull(route.netmask());
            if (parsed == null) {
                continue; // the parser refuses malformed routes; nothing unparsable reaches here
            }
            int mask = parsed;
            String via = route.gateway() != null && !route.gateway().equals("vpn_gateway") ? route.gateway() : gateway;
            List<String> command = new ArrayList<>(List.of("route", "replace", route.network() + "/" + prefixLength(mask)));
            if (via != null) {
                command.addAll(List.of("via", via));
            }
            command.addAll(List.of("dev", device));
            commands.add(command);
        }
        for (PushReply.Route6 route : reply.routes6()) {
            commands.add(List.of("-6", "route", "replace", route.network(), "dev", device));
        }
        return commands;
    }

    /** Runs the commands through the factory that opened the device. */
    static void apply(LinkFactory factory, String device, PushReply reply) throws IOException {
        for (List<String> command : commands(device, reply)) {
            factory.configure(command);
        }
    }

    /** The prefix length of a contiguous netmask, e.g. 24 for 255.255.255.0. */
    static int prefixLength(int netmask) {
        int length = Integer.bitCount(netmask);
        if (netmask != (length == 0 ? 0 : -1 << (32 - length))) {
            throw new IllegalArgumentException("netmask " + AddressText.ipv4(netmask) + " is not contiguous");
        }
        return length;
    }
}

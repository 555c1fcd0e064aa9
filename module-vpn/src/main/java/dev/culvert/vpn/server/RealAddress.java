package dev.culvert.vpn.server;

import java.net.Inet6Address;
import java.net.InetSocketAddress;

/** A client's real address as OpenVPN prints it in logs and the status file: {@code 192.0.2.7:51820}. */
final class RealAddress {
    private RealAddress() {
    }

    static String format(InetSocketAddress address) {
        if (address == null) {
            return "?";
        }
        String host = address.getAddress() == null ? address.getHostString() : address.getAddress().getHostAddress();
        if (address.getAddress() instanceof Inet6Address) {
            int zone = host.indexOf('%');
            host = zone >= 0 ? host.substring(0, zone) : host;
        }
        return host + ":" + address.getPort();
    }
}

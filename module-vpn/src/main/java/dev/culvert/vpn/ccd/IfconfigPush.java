package dev.culvert.vpn.ccd;

/**
 * {@code ifconfig-push LOCAL REMOTE-OR-NETMASK}: the client's fixed tunnel address, and the
 * second {@code ifconfig} argument it is pushed with (the netmask in subnet topology, the
 * point-to-point peer in net30). Addresses as ints, network order.
 */
public record IfconfigPush(int local, int remoteOrNetmask) {
}

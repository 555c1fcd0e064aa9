/**
 * TUN devices through libc: {@link dev.culvert.core.io.tun.TunLinkFactory} opens
 * {@code /dev/net/tun}, attaches one queue per worker with {@code TUNSETIFF} ({@code IFF_TUN |
 * IFF_NO_PI}, plus {@code IFF_MULTI_QUEUE} for more than one queue), and each
 * {@link dev.culvert.core.io.tun.TunQueue} reads and writes IP packets straight into pooled buffers.
 *
 * <p>The MTU and the link state are set with two ioctls on a datagram socket
 * ({@link dev.culvert.core.io.tun.LinkUp}): no process starts on a node's start-up path. Addresses
 * and routes are set with iproute2's {@code ip} command ({@link dev.culvert.core.io.tun.IpTool}),
 * not netlink. It runs once per device, on the control
 * executor, never on the data path; {@code ip} is present wherever TUN devices are (the namespace
 * tests need it anyway), its error messages are already what an operator needs to read, and a
 * hand-written netlink client would be a few hundred lines of unsafe struct packing for no gain
 * on the data path.
 *
 * <p>Errors from the kernel become messages that say what to do: no {@code /dev/net/tun}, no
 * {@code CAP_NET_ADMIN}, the name is taken.
 *
 * <p>One process per device: a device another process has open is refused, naming it
 * ({@link dev.culvert.core.io.tun.TunOwnership}); a persistent device nobody has open is used,
 * and left as it was found when the node closes it, without the addresses and routes the node
 * added ({@link dev.culvert.core.io.tun.TunDevice}).
 *
 * <p>Offloads ({@link dev.culvert.core.io.tun.TunOffloads}): each device is opened with
 * {@code IFF_VNET_HDR} and given the largest set of checksum and segmentation offloads the kernel
 * accepts, so a read may bring a 64 KiB TCP super-packet that {@link dev.culvert.core.offload}
 * cuts in user space. {@code -Dculvert.tun-offloads=off} opens devices as before, without.
 *
 * <p>May depend on: dev.culvert.core.io.nativeio, dev.culvert.core.offload, dev.culvert.core.io.owner, dev.culvert.core.packet, dev.culvert.core.worker,
 * dev.culvert.spi.link
 */
package dev.culvert.core.io.tun;

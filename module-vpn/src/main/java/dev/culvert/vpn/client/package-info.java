/**
 * The OpenVPN client role on real devices: {@link dev.culvert.vpn.client.ClientNode} puts a
 * session core on a TUN device and a UDP or TCP transport. Its parts: {@code ClientDataPath}
 * (the devices and the data-plane worker, with the shared seal and open nodes of
 * {@code vpn.tunnel}), {@code ClientPeer} (the server as the data path sees it),
 * {@code ReconnectSupervisor} (the session's control side, timers and reconnects, on a control
 * strand of the kernel's control executor), {@code PushedCompression} and {@code TunAddressing}
 * (what the server pushed, applied to the data path and the device). This is where the protocol
 * core, which does no I/O, meets the kernel's links, transports and workers.
 *
 * <p>The data plane never waits for the control side: control packets are copied and handed to
 * the control strand, and what the control side sends goes back to the worker as a posted task,
 * so the transport is only ever driven by its worker.
 *
 * <p>May depend on the kernel (worker, io, graph, slots, SPI), and on this module's session,
 * config, keys, push, tunnel and wire packages.
 */
package dev.culvert.vpn.client;

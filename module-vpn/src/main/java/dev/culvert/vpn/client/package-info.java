/**
 * The OpenVPN roles with one peer on real devices, the client and the point-to-point peer
 * ({@link dev.culvert.vpn.client.VpnClientRole}, {@link dev.culvert.vpn.client.VpnPeerToPeerRole}):
 * {@link dev.culvert.vpn.client.ClientNode} puts a session core on a TUN device and a UDP or TCP
 * transport, configured through {@code vpn.config.OnePeerConfig}. A point-to-point peer's device
 * gets its addresses and routes from its own configuration at start; a TLS server without
 * {@code remote} answers the first peer that reaches its session and floats with it. Its parts: {@code ClientDataPath}
 * (the devices and the data-plane worker, with the shared seal and open nodes of
 * {@code vpn.tunnel}), {@code ClientPeer} (the server as the data path sees it),
 * {@code ReconnectSupervisor} (the session's control side, timers and reconnects, on a control
 * strand of the kernel's control executor), {@code RemoteRotation} and {@code ServerAddresses}
 * (which server of the client's list to try next, after what pause, at which address), {@code PushedCompression} and {@code TunAddressing}
 * (what the server pushed, applied to the data path and the device). This is where the protocol
 * core, which does no I/O, meets the kernel's links, transports and workers.
 *
 * <p>The data plane never waits for the control side: control packets are copied and handed to
 * the control strand, and what the control side sends goes back to the worker as a posted task,
 * so the transport is only ever driven by its worker.
 *
 * <p>May depend on: dev.culvert.core.compress, dev.culvert.core.config, dev.culvert.core.graph,
 * dev.culvert.core.graph.arc, dev.culvert.core.l3,
 * dev.culvert.core.link, dev.culvert.core.logging, dev.culvert.core.packet, dev.culvert.core.slot, dev.culvert.core.worker,
 * dev.culvert.spi.aead, dev.culvert.spi.compress, dev.culvert.spi.config, dev.culvert.spi.feature, dev.culvert.spi.l3,
 * dev.culvert.spi.link, dev.culvert.spi.node, dev.culvert.spi.route, dev.culvert.spi.tls,
 * dev.culvert.spi.transport, dev.culvert.vpn.auth, dev.culvert.vpn.config, dev.culvert.vpn.control, dev.culvert.vpn.hook (its up, down and route-up scripts), dev.culvert.vpn.keys, dev.culvert.vpn.management (a client's management interface), dev.culvert.vpn.preauth, dev.culvert.vpn.push,
 * dev.culvert.vpn.session, dev.culvert.vpn.status (the status title), dev.culvert.vpn.tunnel, dev.culvert.vpn.wire
 */
package dev.culvert.vpn.client;

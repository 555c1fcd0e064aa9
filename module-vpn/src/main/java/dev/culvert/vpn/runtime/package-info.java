/**
 * The runtime that puts a session core on real devices: a TUN device and a UDP or TCP transport
 * driven by a data-plane worker, the session's control side on its own control thread, and the
 * pushed addresses and routes applied to the device. This is where the protocol core, which does
 * no I/O, meets the kernel's links, transports and workers.
 *
 * <p>The data plane never waits for the control side: control packets are copied and handed to
 * the control thread, and what the control side sends goes back to the worker as a posted task,
 * so the transport is only ever driven by its worker.
 *
 * <p>Depends on the kernel (worker, tun, graph, slots, SPI), and on this module's session, config
 * and push packages.
 */
package dev.culvert.vpn.runtime;

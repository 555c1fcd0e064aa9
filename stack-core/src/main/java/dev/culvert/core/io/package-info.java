/**
 * The kernel's operating-system I/O, kept together: {@code nativeio} (libc through JNR-FFI),
 * {@code tun} (TUN devices) and {@code transport} (UDP and TCP sockets), and {@code memory}, an
 * in-memory datagram network that stands in for the sockets in tests. Nothing outside the kernel
 * reaches these packages directly; modules get links and transports through the
 * {@link dev.culvert.spi.link} and {@link dev.culvert.spi.transport} SPIs.
 *
 * <p>May depend on: none
 */
package dev.culvert.core.io;

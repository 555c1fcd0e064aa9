/**
 * Who owns a port or a device: the processes that hold a socket or a TUN device, found through
 * {@code /proc} so that a refusal can name them ({@code pid 4242 (openvpn)}), and a lock that
 * lets one Culvert at a time claim a port ({@link dev.culvert.core.io.owner.NamedLock}, an
 * abstract UNIX socket: scoped to the network namespace as ports and devices are, usable by any
 * user, and released by the kernel when its process dies, so a crash leaves nothing stale).
 *
 * <p>Everything read from {@code /proc} is treated as untrusted text: a line that does not parse
 * is skipped, a process that vanishes while it is read is left out, and what cannot be read (the
 * descriptors of another user's processes) makes the answer "not visible", never an error.
 *
 * <p>May depend on: dev.culvert.core.io.nativeio
 */
package dev.culvert.core.io.owner;

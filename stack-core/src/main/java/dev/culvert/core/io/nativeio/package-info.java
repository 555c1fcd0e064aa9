/**
 * The libc calls the kernel's real I/O needs (files, ioctl, sockets, epoll, eventfd), bound
 * through JNR-FFI, and small helpers that lay out their C structs in direct buffers; also the
 * user and group lookups and {@code set*id} calls a server needs to drop root ({@link
 * dev.culvert.core.io.nativeio.Accounts}).
 *
 * <p>Why libc and not NIO: a worker waits for its TUN queue, its sockets and its wake-up in one
 * {@code epoll_wait}; Java's channels cannot share a wait with a TUN file descriptor, and NIO has
 * no {@code recvmmsg}/{@code sendmmsg}. Every pointer argument is passed as a raw address of a
 * direct buffer, so calls allocate nothing.
 *
 * <p>Linux only (x86-64 and aarch64: the constants and struct layouts are those of the LP64
 * generic ABI; epoll_event is packed on x86-64 only).
 *
 * <p>May depend on: none
 */
package dev.culvert.core.io.nativeio;

package dev.culvert.core.io.nativeio;

import jnr.ffi.annotations.Variadic;
import jnr.ffi.types.intptr_t;
import jnr.ffi.types.size_t;
import jnr.ffi.types.ssize_t;

/**
 * The libc functions Culvert calls. Pointers are raw addresses ({@code @intptr_t long}) of
 * direct buffers, so a call allocates nothing; a return of -1 leaves the reason in
 * {@link Native#errno()}. Public only because JNR-FFI generates its implementation in this
 * bundle's class loader; callers use the wrappers in this package.
 */
public interface LibC {
    int open(String path, int flags);

    int close(int fd);

    @ssize_t long read(int fd, @intptr_t long buf, @size_t long count);

    @ssize_t long write(int fd, @intptr_t long buf, @size_t long count);

    @ssize_t long writev(int fd, @intptr_t long iov, int iovcnt);

    @Variadic(fixedCount = 2)
    int ioctl(int fd, @size_t long request, @intptr_t long arg);

    int socket(int domain, int type, int protocol);

    int setsockopt(int fd, int level, int name, @intptr_t long value, int length);

    int getsockopt(int fd, int level, int name, @intptr_t long value, @intptr_t long lengthPtr);

    int bind(int fd, @intptr_t long addr, int addrLength);

    int connect(int fd, @intptr_t long addr, int addrLength);

    int listen(int fd, int backlog);

    int accept4(int fd, @intptr_t long addr, @intptr_t long addrLengthPtr, int flags);

    int getsockname(int fd, @intptr_t long addr, @intptr_t long addrLengthPtr);

    int shutdown(int fd, int how);

    @ssize_t long recvfrom(int fd, @intptr_t long buf, @size_t long length, int flags, @intptr_t long addr, @intptr_t long addrLengthPtr);

    @ssize_t long sendto(int fd, @intptr_t long buf, @size_t long length, int flags, @intptr_t long addr, int addrLength);

    int recvmmsg(int fd, @intptr_t long messages, int count, int flags, @intptr_t long timeout);

    int sendmmsg(int fd, @intptr_t long messages, int count, int flags);

    int epoll_create1(int flags);

    int epoll_ctl(int epfd, int op, int fd, @intptr_t long event);

    int epoll_wait(int epfd, @intptr_t long events, int maxEvents, int timeoutMillis);

    int eventfd(int initial, int flags);

    int timerfd_create(int clockid, int flags);

    int timerfd_settime(int fd, int flags, @intptr_t long newValue, @intptr_t long oldValue);

    String strerror(int errnum);

    int getpwnam_r(String name, @intptr_t long passwd, @intptr_t long buf, @size_t long length, @intptr_t long resultPtr);

    int getgrnam_r(String name, @intptr_t long group, @intptr_t long buf, @size_t long length, @intptr_t long resultPtr);

    int getuid();

    int geteuid();

    int getgid();

    int getegid();

    int setgroups(@size_t long size, @intptr_t long list);

    int setgid(int gid);

    int setuid(int uid);

    int kill(int pid, int signal);

    /** The calling thread's kernel id (glibc 2.30+). */
    int gettid();

    /** With PRIO_PROCESS and a thread id, sets that one thread's nice value on Linux. */
    int setpriority(int which, int who, int prio);

    /** With PRIO_PROCESS and a thread id, that one thread's nice value; -1 is also the error return (check errno). */
    int getpriority(int which, int who);

    /** With a thread id, sets that one thread's scheduling policy and its {@code struct sched_param} (one int: the priority). */
    int sched_setscheduler(int pid, int policy, @intptr_t long param);

    /** With a thread id, that one thread's scheduling policy, or -1. */
    int sched_getscheduler(int pid);

    /** Reads a {@code struct rlimit} (two 64-bit values: soft, hard). */
    int getrlimit(int resource, @intptr_t long rlimit);

    int setrlimit(int resource, @intptr_t long rlimit);

    /** Reads a clock into a {@code struct timespec} (two 64-bit values: seconds, nanoseconds). */
    int clock_gettime(int clock, @intptr_t long timespec);
}

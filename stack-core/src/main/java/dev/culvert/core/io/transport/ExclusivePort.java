package dev.culvert.core.io.transport;

import dev.culvert.core.io.nativeio.Errno;
import dev.culvert.core.io.nativeio.NativeIoException;
import dev.culvert.core.io.owner.Holder;
import dev.culvert.core.io.owner.NamedLock;
import dev.culvert.core.io.owner.ProcFs;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;

/**
 * One process per port. A node's workers share a port through SO_REUSEPORT, and Linux lets any
 * socket of the same user join such a group: a second Culvert started with the same
 * configuration would silently take half the clients. So before the group binds, a probe binds
 * the address without SO_REUSEPORT and lets go at once: that fails while anyone holds the port
 * (stock OpenVPN, another Culvert's group, any program), as stock OpenVPN's own bind fails. Between
 * the probe and the group's binds another Culvert could probe too; a {@link NamedLock} per
 * protocol and port, held only for that moment, puts them one after the other, and the kernel
 * drops it with a process that dies, so a crash blocks no restart. A port of 0 (the kernel picks
 * a free one) needs neither.
 */
final class ExclusivePort {
    /** How long to wait for another Culvert that is binding the same port: far longer than a bind takes. */
    static final long LOCK_WAIT_MILLIS = 5_000;

    /** Binds the sockets of a group. */
    interface Group<T> {
        T bind() throws IOException;
    }

    private ExclusivePort() {
    }

    /** Binds {@code group} to {@code local} if no other process holds the port; fails naming the holder otherwise. */
    static <T> T claim(int type, InetSocketAddress local, Group<T> group) throws IOException {
        if (local.getPort() == 0) {
            return group.bind();
        }
        try (NamedLock lock = NamedLock.acquire("culvert/" + Sockets.protocol(type) + "/" + local.getPort(), LOCK_WAIT_MILLIS)) {
            Sockets.probe(type, local);
            return group.bind();
        }
    }

    /** "UDP 0.0.0.0:1194 is in use by pid 4242 (openvpn); ..." with the holders /proc shows. */
    static NativeIoException inUse(String protocol, InetSocketAddress local) {
        String holders = Holder.describe(ProcFs.system().portHolders(protocol, local),
                "a process this user cannot see (as root, 'ss -tulpn' names it)");
        return new NativeIoException(protocol.toUpperCase(java.util.Locale.ROOT) + " " + text(local) + " is in use by " + holders
                + "; stop it, or listen on another port", Errno.EADDRINUSE);
    }

    /** 0.0.0.0:1194, [::]:1194, [2001:db8::1]:443: the forms ss and OpenVPN print. */
    static String text(InetSocketAddress address) {
        String host = address.getAddress().getHostAddress();
        return (address.getAddress() instanceof Inet6Address ? "[" + compress(host.replaceFirst("%.*$", "")) + "]" : host) + ":"
                + address.getPort();
    }

    /** RFC 5952's short form of Java's full one (0:0:0:0:0:0:0:1 is ::1): the longest run of two or more zero groups becomes ::. */
    static String compress(String full) {
        String[] groups = full.split(":");
        int bestAt = -1;
        int bestLength = 1;
        for (int i = 0; i < groups.length; i++) {
            int j = i;
            while (j < groups.length && groups[j].equals("0")) {
                j++;
            }
            if (j - i > bestLength) {
                bestAt = i;
                bestLength = j - i;
            }
        }
        if (bestAt < 0) {
            return full;
        }
        String head = String.join(":", java.util.Arrays.copyOfRange(groups, 0, bestAt));
        String tail = String.join(":", java.util.Arrays.copyOfRange(groups, bestAt + bestLength, groups.length));
        return head + "::" + tail;
    }
}

package dev.culvert.core.io.owner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Finds the processes that hold a socket or a TUN device by reading {@code /proc}: the sockets of
 * the calling thread's network namespace ({@code thread-self/net}, so a thread that entered
 * another namespace sees that one), then each process's descriptors. Reads only; it runs when a
 * port or device is refused or about to be attached, never on the data path.
 */
public final class ProcFs {
    /** A process with more descriptors than this is not searched further; a refusal names the holders it found. */
    private static final int MAX_FDS_PER_PROCESS = 100_000;
    private static final int MAX_FDINFO_BYTES = 4096;

    private final Path root;
    private final ByteOrder hostOrder;
    private final long ownPid;

    /** The real {@code /proc}. */
    public static ProcFs system() {
        return new ProcFs(Path.of("/proc"), ByteOrder.nativeOrder(), ProcessHandle.current().pid());
    }

    /** A {@code /proc} laid out under {@code root}: tests build one with odd and hostile content. */
    public ProcFs(Path root, ByteOrder hostOrder, long ownPid) {
        this.root = root;
        this.hostOrder = hostOrder;
        this.ownPid = ownPid;
    }

    public long ownPid() {
        return ownPid;
    }

    /** The holders of sockets of {@code protocol} ("udp", "tcp"; IPv4 and IPv6) that clash with binding {@code wanted}. */
    public List<Holder> portHolders(String protocol, InetSocketAddress wanted) {
        Set<Long> inodes = new TreeSet<>();
        for (String table : List.of(protocol, protocol + "6")) {
            for (String line : lines(root.resolve("thread-self/net").resolve(table))) {
                SocketLine.parse(line, hostOrder).filter(s -> s.clashesWith(wanted)).ifPresent(s -> inodes.add(s.inode()));
            }
        }
        if (inodes.isEmpty()) {
            return List.of();
        }
        return holders(link -> {
            if (!link.startsWith("socket:[") || !link.endsWith("]")) {
                return false;
            }
            try {
                return inodes.contains(Long.parseLong(link.substring(8, link.length() - 1)));
            } catch (NumberFormatException e) {
                return false;
            }
        }, (pid, fd) -> true);
    }

    /** The holders of the abstract UNIX socket {@code name} ({@link NamedLock}'s lock). */
    public List<Holder> abstractSocketHolders(String name) {
        Set<Long> inodes = new TreeSet<>();
        for (String line : lines(root.resolve("thread-self/net/unix"))) {
            // Num RefCount Protocol Flags Type St Inode Path
            String[] f = line.trim().split("\\s+");
            if (f.length == 8 && f[7].equals("@" + name)) {
                try {
                    inodes.add(Long.parseLong(f[6]));
                } catch (NumberFormatException e) {
                    // not a socket line
                }
            }
        }
        if (inodes.isEmpty()) {
            return List.of();
        }
        return holders(link -> link.startsWith("socket:[") && link.endsWith("]")
                && inodes.contains(parseOrMinus(link.substring(8, link.length() - 1))), (pid, fd) -> true);
    }

    /**
     * The processes in the calling thread's network namespace that have the TUN device {@code name}
     * open ({@code /proc/PID/fdinfo/FD} says {@code iff: NAME} for a TUN descriptor), this process
     * included.
     */
    public List<Holder> tunHolders(String name) {
        String ourNamespace = readLink(root.resolve("thread-self/ns/net"));
        return holders(link -> link.equals("/dev/net/tun"), (pid, fd) -> {
            String theirNamespace = readLink(root.resolve(pid).resolve("ns/net"));
            if (ourNamespace != null && theirNamespace != null && !ourNamespace.equals(theirNamespace)) {
                return false; // the same name in another namespace is another device
            }
            for (String line : head(root.resolve(pid).resolve("fdinfo").resolve(fd))) {
                if (line.startsWith("iff:") && line.substring(4).strip().equals(name)) {
                    return true;
                }
            }
            return false;
        });
    }

    private interface FdCheck {
        boolean test(String pid, String fd);
    }

    /** Each process with a descriptor whose link passes {@code link} and then {@code check}; in pid order. */
    private List<Holder> holders(Predicate<String> link, FdCheck check) {
        List<Holder> found = new ArrayList<>();
        for (String pid : processes()) {
            Path fds = root.resolve(pid).resolve("fd");
            int seen = 0;
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(fds)) {
                for (Path fd : entries) {
                    if (++seen > MAX_FDS_PER_PROCESS) {
                        break;
                    }
                    String target = readLink(fd);
                    if (target != null && link.test(target) && check.test(pid, fd.getFileName().toString())) {
                        found.add(new Holder(Long.parseLong(pid), command(pid)));
                        break;
                    }
                }
            } catch (IOException | UncheckedIOException | SecurityException e) {
                // another user's process, or one that ended while we looked: not visible
            }
        }
        return found;
    }

    private List<String> processes() {
        List<Long> pids = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
            for (Path p : entries) {
                long pid = parseOrMinus(p.getFileName().toString());
                if (pid > 0) {
                    pids.add(pid);
                }
            }
        } catch (IOException | UncheckedIOException e) {
            return List.of();
        }
        pids.sort(null);
        return pids.stream().map(Objects::toString).toList();
    }

    private String command(String pid) {
        List<String> comm = head(root.resolve(pid).resolve("comm"));
        if (comm.isEmpty()) {
            return "";
        }
        // A process names itself: keep what an operator can read, and no more than the kernel's 15 bytes.
        String name = comm.get(0).replaceAll("[^\\x21-\\x7e ]", "?").strip();
        return name.length() > 15 ? name.substring(0, 15) : name;
    }

    private static long parseOrMinus(String digits) {
        if (digits.isEmpty() || digits.length() > 18) {
            return -1;
        }
        for (int i = 0; i < digits.length(); i++) {
            if (digits.charAt(i) < '0' || digits.charAt(i) > '9') {
                return -1;
            }
        }
        return Long.parseLong(digits);
    }

    private static String readLink(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return null;
        }
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.ISO_8859_1);
        } catch (IOException | UncheckedIOException | SecurityException e) {
            return List.of();
        }
    }

    /** The first few KB of a small file, as lines: fdinfo and comm are short, and a hostile one is cut. */
    private static List<String> head(Path file) {
        try (var in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(MAX_FDINFO_BYTES);
            return new String(bytes, StandardCharsets.ISO_8859_1).lines().toList();
        } catch (IOException | UncheckedIOException | SecurityException e) {
            return List.of();
        }
    }
}

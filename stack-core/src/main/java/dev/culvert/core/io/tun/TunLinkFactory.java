package dev.culvert.core.io.tun;

import dev.culvert.core.io.nativeio.Linux;
import dev.culvert.core.io.nativeio.Native;
import dev.culvert.core.io.nativeio.NativeIoException;
import dev.culvert.core.offload.OffloadRehearsal;
import dev.culvert.core.worker.IdleThread;
import dev.culvert.spi.link.Link;
import dev.culvert.spi.link.LinkFactory;
import dev.culvert.core.io.owner.ProcFs;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Opens TUN devices: one descriptor per queue, each attached to the same device name. With more
 * than one queue the device is multi-queue and the kernel spreads flows across the queues, one
 * per worker. Opening blocks (ioctl, then {@code ip} for the MTU and link state): call it from
 * the control executor.
 */
public final class TunLinkFactory implements LinkFactory {
    private static final System.Logger LOG = System.getLogger(TunLinkFactory.class.getName());
    /** The most queues Linux allows on one TUN device (MAX_TAP_QUEUES). */
    public static final int MAX_QUEUES = 256;

    /**
     * Set to {@code off} ({@code CULVERT_JAVA_OPTS=-Dculvert.tun-offloads=off}) to open devices
     * without virtio headers, as before offloads: an escape hatch should a kernel mishandle them.
     */
    public static final String OFFLOADS_PROPERTY = "culvert.tun-offloads";

    private final String device;
    private final boolean offloads;
    /** Super-packets the offload warm-up cuts and joins: enough for the optimising compiler to take the per-segment loops. */
    static final int REHEARSED_SUPER_PACKETS = 600;
    private static final AtomicBoolean REHEARSED = new AtomicBoolean();
    /** Whether a device this process opened took TSO: only then is there offload work to rehearse. */
    private static volatile boolean anyTso;
    private final ProcFs proc = ProcFs.system();
    /** The devices this factory has queues of, by name. */
    private final Map<String, TunDevice> devices = new ConcurrentHashMap<>();
    private volatile boolean keeping;

    public TunLinkFactory() {
        this(TunErrors.DEVICE);
    }

    /** A factory that opens another clone device; for tests of the error messages. */
    TunLinkFactory(String device) {
        this(device, !"off".equals(System.getProperty(OFFLOADS_PROPERTY, "on")));
    }

    /** A factory that opens devices with offloads ({@link TunOffloads}) or without. */
    public TunLinkFactory(boolean offloads) {
        this(TunErrors.DEVICE, offloads);
    }

    private TunLinkFactory(String device, boolean offloads) {
        this.device = device;
        this.offloads = offloads;
    }

    @Override
    public String kind() {
        return "tun";
    }

    /** Runs {@code ip} with these arguments ({@link IpTool}), noting what it adds to a device this factory opened. */
    @Override
    public void configure(List<String> ipArguments) throws IOException {
        IpTool.run(ipArguments.toArray(String[]::new));
        IpUndo.device(ipArguments).map(devices::get).ifPresent(d -> d.configured(ipArguments));
    }

    /** {@code ip route get ADDRESS}, read by {@link HostRoute#parse}; empty when the kernel has no route to it. */
    @Override
    public java.util.Optional<dev.culvert.spi.link.HostRoute> routeTo(String address) throws IOException {
        String answer;
        try {
            answer = IpTool.run(address.indexOf(':') >= 0 ? "-6" : "-4", "route", "get", address);
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().contains("unreachable")) {
                return java.util.Optional.empty();
            }
            throw e;
        }
        return dev.culvert.spi.link.HostRoute.parse(answer);
    }

    /** {@code ip -4 route show default}, its first line read by {@link HostRoute#parse}. */
    @Override
    public java.util.Optional<dev.culvert.spi.link.HostRoute> defaultRoute() throws IOException {
        return dev.culvert.spi.link.HostRoute.parse(IpTool.run("-4", "route", "show", "default"));
    }

    /** {@code ip -4 -o addr show dev DEVICE}: each line's {@code inet ADDRESS/BITS}. */
    @Override
    public List<String> ipv4Addresses(String device) throws IOException {
        List<String> found = new java.util.ArrayList<>();
        for (String line : IpTool.run("-4", "-o", "addr", "show", "dev", device).lines().toList()) {
            String[] words = line.trim().split("\\s+");
            for (int i = 0; i + 1 < words.length; i++) {
                if (words[i].equals("inet") && words[i + 1].matches("\\d+\\.\\d+\\.\\d+\\.\\d+/\\d+")) {
                    found.add(words[i + 1]);
                }
            }
        }
        return found;
    }

    /** Opens the queues, sets the MTU and brings the link up. The result is {@link TunQueue}s. */
    @Override
    public Link[] open(String name, int mtu, int queues) throws IOException {
        return open(name, mtu, 0, queues);
    }

    /** Opens the queues, sets the MTU and the transmit queue length (0: the kernel's), and brings the link up. */
    @Override
    public Link[] open(String name, int mtu, int txQueueLength, int queues) throws IOException {
        TunQueue[] opened = openQueues(name, mtu, queues);
        try {
            LinkUp.setMtuAndUp(opened[0].name(), mtu, txQueueLength);
        } catch (IOException e) {
            closeAll(opened);
            throw e;
        }
        return opened;
    }

    /**
     * Creates or attaches the device's queues without configuring it. An existing device that
     * another process has open is refused ({@link TunOwnership}); a persistent one nobody has open
     * is attached, and left as it was found when its queues close ({@link TunDevice}).
     */
    public TunQueue[] openQueues(String name, int mtu, int queues) throws IOException {
        IfReq.checkName(name);
        if (queues < 1 || queues > MAX_QUEUES) {
            throw new IllegalArgumentException("TUN " + name + ": queues " + queues + " not in 1.." + MAX_QUEUES);
        }
        if (mtu < 68 || mtu > 65535) {
            throw new IllegalArgumentException("TUN " + name + ": MTU " + mtu + " not in 68..65535");
        }
        TunQueue[] kept = reclaim(name, mtu, queues);
        if (kept != null) {
            return kept;
        }
        boolean pattern = name.indexOf('%') >= 0;
        DeviceState found = pattern ? null : DeviceState.of(name).orElse(null);
        if (found != null) {
            TunOwnership.refuseIfHeld(name, proc);
        }
        int flags = IfReq.IFF_TUN | IfReq.IFF_NO_PI | (queues > 1 ? IfReq.IFF_MULTI_QUEUE : 0) | (offloads ? IfReq.IFF_VNET_HDR : 0);
        TunQueue[] opened = new TunQueue[queues];
        TunDevice device = null;
        String actual = name;
        try {
            for (int q = 0; q < queues; q++) {
                int fd = Native.libc().open(this.device, Linux.O_RDWR | Linux.O_NONBLOCK | Linux.O_CLOEXEC);
                if (fd < 0) {
                    throw TunErrors.openFailed(this.device, Native.errno());
                }
                // A device that was not there is created exclusively: if another process made it meanwhile, that is a refusal.
                boolean create = q == 0 && found == null;
                IfReq request = new IfReq(actual, flags | (create ? IfReq.IFF_TUN_EXCL : 0));
                if (Native.libc().ioctl(fd, IfReq.TUNSETIFF, request.address) != 0) {
                    int errno = Native.errno();
                    Native.closeQuietly(fd);
                    if (create && !pattern) {
                        TunOwnership.refuseIfHeld(actual, proc);
                    }
                    throw TunErrors.attachFailed(actual, errno);
                }
                actual = request.name();
                if (device == null) {
                    int taken = offloads ? negotiateOffloads(fd, actual) : -1;
                    device = track(actual, name, fd, found, taken);
                }
                device.queueAttached();
                opened[q] = new TunQueue(actual, q, mtu, fd, device);
            }
        } catch (NativeIoException | RuntimeException e) {
            closeAll(opened);
            throw e;
        }
        return opened;
    }

    /**
     * Keeps the devices of a node that closes from now on open for the node that starts next, as
     * 2.6's {@code persist-tun} keeps its device over a SIGUSR1 restart; closing the result ends
     * that and closes whatever the next node did not take back.
     */
    public Restart keepDevicesAcrossRestart() {
        keeping = true;
        return () -> {
            keeping = false;
            for (TunDevice d : devices.values()) {
                d.releaseParked();
            }
        };
    }

    /** The span of a restart during which closed devices are kept; see {@link #keepDevicesAcrossRestart()}. */
    public interface Restart extends AutoCloseable {
        @Override
        void close();
    }

    private TunQueue[] reclaim(String name, int mtu, int queues) {
        for (TunDevice d : devices.values()) {
            int[] fds = d.reclaim(name, queues);
            if (fds != null) {
                TunQueue[] opened = new TunQueue[fds.length];
                for (int q = 0; q < fds.length; q++) {
                    opened[q] = new TunQueue(d.name(), q, mtu, fds[q], d);
                }
                LOG.log(System.Logger.Level.INFO, "persist-tun: keeping " + d.name() + " across the restart");
                return opened;
            }
        }
        return null;
    }

    private static int negotiateOffloads(int fd, String name) throws NativeIoException {
        try {
            int taken = TunOffloads.negotiate(fd, name);
            LOG.log(System.Logger.Level.INFO, name + ": offloads " + TunOffloads.describe(taken));
            if (TunOffloads.tookTso(taken)) {
                anyTso = true;
            }
            return taken;
        } catch (NativeIoException e) {
            Native.closeQuietly(fd);
            throw e;
        }
    }

    /**
     * Cuts and joins made-up super-packets once per process, at the lowest priority, if a device
     * this process opened took TSO: the first bulk transfer then finds the per-segment code
     * compiled instead of ramping with the JIT over its first seconds.
     */
    @Override
    public void warmUp() {
        if (anyTso && REHEARSED.compareAndSet(false, true)) {
            IdleThread.start("culvert-offload-warm-up", TunLinkFactory::rehearseOffloads);
        }
    }

    private static void rehearseOffloads() {
        long started = System.nanoTime();
        int whole = new OffloadRehearsal().run(REHEARSED_SUPER_PACKETS);
        LOG.log(whole == REHEARSED_SUPER_PACKETS ? System.Logger.Level.INFO : System.Logger.Level.WARNING,
                "TUN offloads warmed in " + (System.nanoTime() - started) / 1_000_000 + " ms: " + whole + " of "
                        + REHEARSED_SUPER_PACKETS + " super-packets cut and joined whole");
    }

    private TunDevice track(String name, String requested, int fd, DeviceState found, int offloads) throws NativeIoException {
        IfReq request = new IfReq("", 0);
        if (Native.libc().ioctl(fd, IfReq.TUNGETIFF, request.address) != 0) {
            NativeIoException e = NativeIoException.last("TUNGETIFF " + name);
            Native.closeQuietly(fd);
            throw e;
        }
        boolean persistent = (request.flags() & IfReq.IFF_PERSIST) != 0;
        TunDevice tracked = new TunDevice(name, requested, persistent, offloads, found, () -> keeping, () -> devices.remove(name));
        devices.put(name, tracked);
        return tracked;
    }

    private static void closeAll(TunQueue[] queues) {
        for (TunQueue queue : queues) {
            if (queue != null) {
                queue.close();
            }
        }
    }
}

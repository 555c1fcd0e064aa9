package dev.culvert.core.io.tun;

import dev.culvert.core.io.nativeio.Linux;
import dev.culvert.core.io.nativeio.Native;
import dev.culvert.core.io.nativeio.NativeIoException;
import dev.culvert.spi.link.Link;
import dev.culvert.spi.link.LinkFactory;
import java.io.IOException;
import java.util.List;

/**
 * Opens TUN devices: one descriptor per queue, each attached to the same device name. With more
 * than one queue the device is multi-queue and the kernel spreads flows across the queues, one
 * per worker. Opening blocks (ioctl, then {@code ip} for the MTU and link state): call it from
 * the control executor.
 */
public final class TunLinkFactory implements LinkFactory {
    /** The most queues Linux allows on one TUN device (MAX_TAP_QUEUES). */
    public static final int MAX_QUEUES = 256;

    private final String device;

    public TunLinkFactory() {
        this(TunErrors.DEVICE);
    }

    /** A factory that opens another clone device; for tests of the error messages. */
    TunLinkFactory(String device) {
        this.device = device;
    }

    @Override
    public String kind() {
        return "tun";
    }

    /** Runs {@code ip} with these arguments ({@link IpTool}). */
    @Override
    public void configure(List<String> ipArguments) throws IOException {
        IpTool.run(ipArguments.toArray(String[]::new));
    }

    /** Opens the queues, sets the MTU and brings the link up. The result is {@link TunQueue}s. */
    @Override
    public Link[] open(String name, int mtu, int queues) throws IOException {
        TunQueue[] opened = openQueues(name, mtu, queues);
        try {
            IpTool.setMtuAndUp(opened[0].name(), mtu);
        } catch (IOException e) {
            closeAll(opened);
            throw e;
        }
        return opened;
    }

    /** Creates or attaches the device's queues without configuring it. */
    public TunQueue[] openQueues(String name, int mtu, int queues) throws IOException {
        IfReq.checkName(name);
        if (queues < 1 || queues > MAX_QUEUES) {
            throw new IllegalArgumentException("TUN " + name + ": queues " + queues + " not in 1.." + MAX_QUEUES);
        }
        if (mtu < 68 || mtu > 65535) {
            throw new IllegalArgumentException("TUN " + name + ": MTU " + mtu + " not in 68..65535");
        }
        int flags = IfReq.IFF_TUN | IfReq.IFF_NO_PI | (queues > 1 ? IfReq.IFF_MULTI_QUEUE : 0);
        TunQueue[] opened = new TunQueue[queues];
        String actual = name;
        try {
            for (int q = 0; q < queues; q++) {
                int fd = Native.libc().open(device, Linux.O_RDWR | Linux.O_NONBLOCK | Linux.O_CLOEXEC);
                if (fd < 0) {
                    throw TunErrors.openFailed(device, Native.errno());
                }
                IfReq request = new IfReq(actual, flags);
                if (Native.libc().ioctl(fd, IfReq.TUNSETIFF, request.address) != 0) {
                    int errno = Native.errno();
                    Native.closeQuietly(fd);
                    throw TunErrors.attachFailed(actual, errno);
                }
                actual = request.name();
                opened[q] = new TunQueue(actual, q, mtu, fd);
            }
        } catch (NativeIoException | RuntimeException e) {
            closeAll(opened);
            throw e;
        }
        return opened;
    }

    private static void closeAll(TunQueue[] queues) {
        for (TunQueue queue : queues) {
            if (queue != null) {
                queue.close();
            }
        }
    }
}

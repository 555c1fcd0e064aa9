package dev.culvert.core.io.tun;

import dev.culvert.core.io.nativeio.Errno;
import dev.culvert.core.io.nativeio.NativeIoException;
import dev.culvert.core.io.owner.Holder;
import dev.culvert.core.io.owner.ProcFs;
import java.util.List;

/**
 * One process per TUN device. Attaching to a multi-queue device that another process has open
 * succeeds, and the kernel then spreads that process's traffic over both: a second instance
 * naming the first's {@code tun0} would take some of its packets. {@code IFF_TUN_EXCL} cannot be
 * the whole answer, because it also refuses a persistent device nobody has open ({@code ip tuntap
 * add ... multi_queue}, how an unprivileged service gets its device). So an existing device is
 * refused when {@code /proc} shows another process with a descriptor attached to it; a new one is
 * created with {@code IFF_TUN_EXCL}, so that two nodes creating the same name at once cannot both
 * win. Descriptors of this process do not count: within one process the caller owns the device.
 */
final class TunOwnership {
    private TunOwnership() {
    }

    /** Fails, naming the holders, if a process other than this one has {@code name} open. */
    static void refuseIfHeld(String name, ProcFs proc) throws NativeIoException {
        List<Holder> others = proc.tunHolders(name).stream().filter(h -> h.pid() != proc.ownPid()).toList();
        if (!others.isEmpty()) {
            throw new NativeIoException("TUN device " + name + " is in use by " + Holder.describe(others, "")
                    + "; stop it, or name another device with 'dev'", Errno.EBUSY);
        }
    }
}

package dev.culvert.launcher;

/**
 * What the launcher tells a {@code Type=notify} systemd unit (the kernel's
 * {@code notifyServiceManager}, sd_notify): ready once the node runs, reloading and ready again
 * around SIGHUP and SIGUSR1, stopping before it stops. Nothing is sent when no service manager
 * listens; a failure to tell it never stops the node.
 */
final class ServiceManager {
    private ServiceManager() {
    }

    static void ready(Object kernel, String what) {
        tell(kernel, "READY=1\nSTATUS=" + what + "\nMAINPID=" + ProcessHandle.current().pid());
    }

    static void reloading(Object kernel, String what) {
        tell(kernel, "RELOADING=1\nSTATUS=" + what);
    }

    static void stopping(Object kernel) {
        tell(kernel, "STOPPING=1\nSTATUS=stopping");
    }

    private static void tell(Object kernel, String state) {
        try {
            FelixHost.call(kernel, "notifyServiceManager", state);
        } catch (Exception e) {
            // the kernel logs why; the node goes on
        }
    }
}

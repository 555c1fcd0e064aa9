package dev.culvert.core.io.owner;

/** Takes a {@link NamedLock} in a process of its own, says so, and holds it until stdin closes or it is killed. */
public final class LockHolderMain {
    private LockHolderMain() {
    }

    public static void main(String[] args) throws Exception {
        NamedLock lock = NamedLock.acquire(args[0], 1_000);
        System.out.println("LOCKED " + lock.name());
        System.out.flush();
        while (System.in.read() >= 0) {
            // hold
        }
        lock.close();
    }
}

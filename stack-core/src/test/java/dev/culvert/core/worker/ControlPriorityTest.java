package dev.culvert.core.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.culvert.core.io.nativeio.Native;
import dev.culvert.core.io.nativeio.ThreadNice;
import dev.culvert.core.packet.PacketPool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Handshakes yield the CPU to the data plane: control threads run at a higher nice value, and a
 * worker they start does not inherit it.
 */
class ControlPriorityTest {
    /** Field 19 of /proc/thread-self/stat is the nice value; field 2 (the name) may hold spaces, so count after ')'. */
    private static int currentNice() throws Exception {
        String stat = Files.readString(Path.of("/proc/thread-self/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Integer.parseInt(fields[16]);
    }

    @Test
    void controlThreadsRunAtNiceTenWhileTheCallerKeepsItsPriority() throws Exception {
        Native.libc();
        int callerBefore = currentNice();
        try (ControlExecutor control = new ControlExecutor(2, 16)) {
            int nice = ControlExecutor.await(control.submit("read nice", ControlPriorityTest::currentNice), 10, TimeUnit.SECONDS);
            assertEquals(ControlExecutor.CONTROL_NICE, nice);
        }
        assertEquals(callerBefore, currentNice());
    }

    @Test
    void aWorkerStartedOnAControlThreadForwardsAtTheProcesssPriorityNotTheControlThreads() throws Exception {
        Native.libc();
        int caller = currentNice();
        PacketPool pool = new PacketPool("nice", 16);
        try (ControlExecutor control = new ControlExecutor(1, 16)) {
            Worker worker = ControlExecutor.await(control.submit("start a worker", () -> {
                assertEquals(ControlExecutor.CONTROL_NICE, currentNice(), "the starting thread is niced");
                Worker w = new Worker(0, "nice-test-worker", WorkerFixtures.echoGraph(), pool, 16);
                w.start();
                return w;
            }), 10, TimeUnit.SECONDS);
            try {
                CompletableFuture<Integer> workerNice = new CompletableFuture<>();
                worker.post(() -> {
                    try {
                        workerNice.complete(currentNice());
                    } catch (Exception e) {
                        workerNice.completeExceptionally(e);
                    }
                });
                assertEquals(caller, workerNice.get(10, TimeUnit.SECONDS), "the worker runs at the priority the process runs at");
            } finally {
                worker.stopAndJoin(10, TimeUnit.SECONDS);
                worker.close();
            }
        }
        assertEquals(caller, BasePriorityStarts.baseNice(), "the base is the nice of the thread that made the first control executor");
        assertEquals(caller, ThreadNice.get(), "getpriority reads what /proc says");
    }
}

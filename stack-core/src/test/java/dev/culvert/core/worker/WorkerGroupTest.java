package dev.culvert.core.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WorkerGroupTest {

    @Test
    void eachWorkerRunsOnItsOwnDataPlaneThreadUntilClosed() throws Exception {
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        WorkerGroup group = new WorkerGroup("group", 3, WorkerFixtures.echoGraph(), 16, 16);
        group.start();
        CountDownLatch ran = new CountDownLatch(3);
        for (Worker w : group.workers()) {
            w.post(() -> {
                assertEquals(w, ((DataPlaneThread) Thread.currentThread()).worker());
                threads.add(Thread.currentThread());
                ran.countDown();
            });
        }
        assertTrue(ran.await(5, TimeUnit.SECONDS));
        assertEquals(3, threads.size());
        threads.forEach(t -> assertTrue(t instanceof DataPlaneThread && t.getName().startsWith("group-")));
        group.close();
        for (Worker w : group.workers()) {
            assertFalse(w.isRunning());
        }
        threads.forEach(t -> assertFalse(t.isAlive()));
    }

    @Test
    void theDefaultCountIsOnePerCoreUnlessConfigured() {
        String before = System.getProperty(Workers.COUNT_PROPERTY);
        try {
            System.clearProperty(Workers.COUNT_PROPERTY);
            assertEquals(Runtime.getRuntime().availableProcessors(), Workers.defaultCount());
            System.setProperty(Workers.COUNT_PROPERTY, "3");
            assertEquals(3, Workers.defaultCount());
        } finally {
            if (before == null) {
                System.clearProperty(Workers.COUNT_PROPERTY);
            } else {
                System.setProperty(Workers.COUNT_PROPERTY, before);
            }
        }
    }
}

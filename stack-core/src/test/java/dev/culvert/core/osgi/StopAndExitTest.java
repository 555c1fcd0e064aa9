package dev.culvert.core.osgi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.spi.node.NodeExit;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A module's request to end the process (a client refused by its server) stops the node first, then exits with its status. */
class StopAndExitTest {
    @Test
    void itStopsTheNodeFirstThenExitsWithTheStatusAsked() throws Exception {
        BlockingQueue<String> steps = new ArrayBlockingQueue<>(4);
        NodeExit exit = new StopAndExit(() -> steps.add("node stopped"), status -> steps.add("exit " + status));
        exit.exit("AUTH_FAILED", NodeExit.AUTH_FAILED);
        assertEquals("node stopped", steps.poll(30, TimeUnit.SECONDS));
        assertEquals("exit 5", steps.poll(30, TimeUnit.SECONDS));
        assertTrue(steps.isEmpty());
    }
}

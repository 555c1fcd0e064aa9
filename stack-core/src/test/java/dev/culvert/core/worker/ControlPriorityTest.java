package dev.culvert.core.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.culvert.core.io.nativeio.Native;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Handshakes yield the CPU to the data plane: control threads run at a higher nice value. */
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
}

package dev.culvert.vpn.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ByteQueueTest {
    @Test
    void keepsOrderAcrossTheWrapAndRefusesWhatDoesNotFit() {
        ByteQueue q = new ByteQueue(10);
        assertEquals(7, q.write(new byte[] {1, 2, 3, 4, 5, 6, 7}, 0, 7));
        byte[] got = new byte[5];
        assertEquals(5, q.read(got, 0, 5));
        assertArrayEquals(new byte[] {1, 2, 3, 4, 5}, got);
        assertEquals(8, q.write(new byte[] {8, 9, 10, 11, 12, 13, 14, 15, 16}, 0, 9), "room for 8 only");
        byte[] rest = new byte[20];
        assertEquals(10, q.read(rest, 0, 20));
        assertArrayEquals(new byte[] {6, 7, 8, 9, 10, 11, 12, 13, 14, 15}, java.util.Arrays.copyOf(rest, 10));
    }

    @Test
    void anEmptyQueueHoldsNoStorageAndGrowsOnlyToWhatWaits() {
        ByteQueue q = new ByteQueue(64 * 1024);
        assertEquals(0, q.held(), "an idle session's queues cost no ring");
        assertEquals(64 * 1024, q.free());
        assertEquals(100, q.write(new byte[100], 0, 100));
        assertEquals(ByteQueue.FIRST, q.held());
        assertEquals(5000, q.write(new byte[5000], 0, 5000));
        assertEquals(8192, q.held(), "doubled until 5,100 bytes fit");
        q.read(new byte[5100], 0, 5100);
        assertEquals(0, q.held(), "let go once drained");
        assertEquals(10, q.write(new byte[10], 0, 10));
        assertEquals(ByteQueue.FIRST, q.held(), "made again for the next record");
        assertEquals(1, q.read(new byte[1], 0, 1));
        assertEquals(ByteQueue.FIRST, q.held(), "held while bytes wait");
        q.read(new byte[9], 0, 9);
        assertEquals(0, q.held());
    }

    @Test
    void theBoundStaysTheCapacityNotAPowerOfTwo() {
        ByteQueue q = new ByteQueue(3000);
        assertEquals(3000, q.write(new byte[4000], 0, 4000));
        assertEquals(3000, q.held());
        assertEquals(0, q.write(new byte[1], 0, 1));
    }

    @Test
    void growingWhileWrappedKeepsTheOrder() {
        ByteQueue q = new ByteQueue(1 << 16);
        byte[] first = new byte[1500];
        for (int i = 0; i < first.length; i++) {
            first[i] = (byte) i;
        }
        q.write(first, 0, 1500);
        q.read(new byte[1000], 0, 1000);
        q.write(first, 0, 1000); // wraps around the end of the 2 KiB ring
        q.write(first, 0, 1500); // grows while wrapped
        byte[] all = new byte[3000];
        assertEquals(3000, q.read(all, 0, 3000));
        for (int i = 0; i < 500; i++) {
            assertEquals((byte) (1000 + i), all[i]);
        }
        for (int i = 0; i < 1000; i++) {
            assertEquals((byte) i, all[500 + i]);
        }
        for (int i = 0; i < 1500; i++) {
            assertEquals((byte) i, all[1500 + i]);
        }
    }

    /** Small rings wrap often; large ones grow from empty while wrapped and let go when drained. */
    @ParameterizedTest(name = "capacity {0}, chunks below {1}")
    @CsvSource({"37, 50, 7", "20000, 9000, 11"})
    void randomWritesAndReadsAreAFifo(int capacity, int chunk, long seed) {
        Random r = new Random(seed);
        ByteQueue q = new ByteQueue(capacity);
        int written = 0;
        int read = 0;
        byte[] buf = new byte[chunk];
        for (int round = 0; round < 3000; round++) {
            int n = r.nextInt(chunk);
            for (int i = 0; i < n; i++) {
                buf[i] = (byte) (written + i);
            }
            written += q.write(buf, 0, n);
            int got = q.read(buf, 0, r.nextInt(chunk));
            for (int i = 0; i < got; i++) {
                assertEquals((byte) (read + i), buf[i]);
            }
            read += got;
            assertTrue(q.held() <= capacity);
        }
    }
}

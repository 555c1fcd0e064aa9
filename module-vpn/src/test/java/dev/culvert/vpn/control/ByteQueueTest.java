package dev.culvert.vpn.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

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
    void randomWritesAndReadsAreAFifo() {
        Random r = new Random(7);
        ByteQueue q = new ByteQueue(37);
        int written = 0;
        int read = 0;
        byte[] buf = new byte[50];
        for (int round = 0; round < 2000; round++) {
            int n = r.nextInt(50);
            for (int i = 0; i < n; i++) {
                buf[i] = (byte) (written + i);
            }
            written += q.write(buf, 0, n);
            int got = q.read(buf, 0, r.nextInt(50));
            for (int i = 0; i < got; i++) {
                assertEquals((byte) (read + i), buf[i]);
            }
            read += got;
        }
    }
}

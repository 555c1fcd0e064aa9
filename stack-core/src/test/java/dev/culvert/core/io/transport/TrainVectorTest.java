package dev.culvert.core.io.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How queued datagrams are laid out as sendmmsg messages: which go together as one UDP GSO train. */
class TrainVectorTest {
    private static final int ANY = 0xffff;
    private final TrainVector vector = new TrainVector(128);

    /** Queues datagrams of these lengths, each to the peer named by the same index in {@code peers}. */
    private void queue(int[] lengths, int[] peers) {
        for (int i = 0; i < lengths.length; i++) {
            int at = vector.nameOffset(i);
            vector.names().putShort(at, (short) 2);
            vector.names().putShort(at + 2, (short) (40000 + peers[i]));
            vector.names().putInt(at + 4, 0x7f000001);
            vector.set(i, 0x1000L * (i + 1), lengths[i], 16);
        }
    }

    /** The messages planned, each as "first+count". */
    private List<String> plan(int from, int to, int largest) {
        int messages = vector.plan(from, to, largest);
        List<String> laid = new ArrayList<>();
        for (int m = 0; m < messages; m++) {
            laid.add(vector.firstPacket(m) + "+" + vector.packetCount(m));
        }
        return laid;
    }

    private static int[] repeat(int value, int n) {
        int[] a = new int[n];
        java.util.Arrays.fill(a, value);
        return a;
    }

    @Test
    void equalDatagramsToOnePeerGoAsOneTrain() {
        queue(repeat(1400, 10), repeat(1, 10));
        assertEquals(List.of("0+10"), plan(0, 10, ANY));
        assertEquals(1400, vector.segmentLength(0));
    }

    @Test
    void aShorterDatagramEndsTheTrainAndALongerOneStartsAnother() {
        queue(new int[] {1400, 1400, 900, 1400, 1400, 1500, 1500}, repeat(1, 7));
        assertEquals(List.of("0+3", "3+2", "5+2"), plan(0, 7, ANY));
    }

    @Test
    void datagramsToAnotherPeerAreNotInTheTrain() {
        queue(repeat(1400, 6), new int[] {1, 1, 2, 2, 1, 1});
        assertEquals(List.of("0+2", "2+2", "4+2"), plan(0, 6, ANY));
    }

    @Test
    void aTrainHoldsAtMost64DatagramsAndUnder65000Bytes() {
        queue(repeat(100, 100), repeat(1, 100));
        assertEquals(List.of("0+64", "64+36"), plan(0, 100, ANY));
        queue(repeat(1400, 100), repeat(1, 100));
        assertEquals(List.of("0+46", "46+46", "92+8"), plan(0, 100, ANY));
    }

    @Test
    void withoutTrainsOrAboveTheLargestSegmentEachDatagramIsItsOwnMessage() {
        queue(new int[] {1400, 1400, 1000, 1000, 1000}, repeat(1, 5));
        assertEquals(List.of("0+1", "1+1", "2+1", "3+1", "4+1"), plan(0, 5, 0));
        assertEquals(List.of("0+1", "1+1", "2+3"), plan(0, 5, 1399));
    }

    @Test
    void planningFromAPacketPartWayLaysOutOnlyTheRest() {
        queue(repeat(1400, 10), repeat(1, 10));
        assertEquals(List.of("4+6"), plan(4, 10, ANY));
        assertEquals(List.of("4+1", "5+1"), plan(4, 6, 0));
    }
}

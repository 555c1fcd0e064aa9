package dev.culvert.vpn.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Per-client labels stay few and plain whatever names the clients' certificates carry. */
class ClientLabelsTest {
    @Test
    void namesPastTheBoundAreSummedUnderOther() {
        List<Sample.Client> clients = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            clients.add(new Sample.Client("c" + i, 10 + i, 20, 1, 2));
        }
        List<Sample.Client> bounded = ClientLabels.bound(clients, 3);
        assertEquals(List.of("c0", "c1", "c2", ClientLabels.OTHER), bounded.stream().map(Sample.Client::commonName).toList());
        assertEquals(new Sample.Client(ClientLabels.OTHER, 13 + 14, 40, 2, 4), bounded.get(3));
    }

    @Test
    void clientsSharingANameShareASeriesAndTakeOneSlot() {
        List<Sample.Client> bounded = ClientLabels.bound(List.of(new Sample.Client("alice", 1, 2, 3, 4), new Sample.Client("bob", 1, 1, 1, 1),
                new Sample.Client("alice", 10, 20, 30, 40)), 2);
        assertEquals(List.of(new Sample.Client("alice", 11, 22, 33, 44), new Sample.Client("bob", 1, 1, 1, 1)), bounded);
    }

    @Test
    void aNameIsSanitizedAndShortened() {
        assertEquals("alice_example.org", ClientLabels.sanitize("alice example.org"));
        assertEquals("a__b__c", ClientLabels.sanitize("a\"}b\nçc"));
        assertEquals("_", ClientLabels.sanitize(""));
        assertEquals(ClientLabels.MAX_LENGTH, ClientLabels.sanitize("x".repeat(1000)).length());
        // A client named like the aggregate does not land in it.
        assertEquals("_other_", ClientLabels.sanitize(ClientLabels.OTHER));
    }

    @Test
    void noClientsNoSeries() {
        assertEquals(List.of(), ClientLabels.bound(List.of(), ClientLabels.MAX_CLIENTS));
    }
}

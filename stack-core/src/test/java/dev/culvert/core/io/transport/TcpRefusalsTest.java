package dev.culvert.core.io.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TcpRefusalsTest {
    private final TransportDrops drops = new TransportDrops();
    private final List<String> lines = new ArrayList<>();
    private final TcpRefusals refusals = new TcpRefusals(drops, lines::add);
    private final InetSocketAddress stranger = new InetSocketAddress("10.0.0.2", 41234);

    @Test
    void aConnectionRefusedForWantOfASlotIsCountedAndLoggedWithItsSource() {
        refusals.refused(TransportDrops.NO_SLOT, stranger);

        assertEquals(1, drops.get(TransportDrops.NO_SLOT));
        assertEquals(List.of("refused a packet from [AF_INET]10.0.0.2:41234: its TCP connection found every connection slot taken,"
                + " and was closed (max-clients)"), lines);
    }

    @Test
    void aSourceThatKeepsMissingTheHandWindowIsLoggedOnceAnIntervalButCountedEachTime() {
        for (int i = 0; i < 50; i++) {
            refusals.refused(TransportDrops.HAND_WINDOW, stranger);
        }

        assertEquals(50, drops.get(TransportDrops.HAND_WINDOW));
        assertEquals(1, lines.size(), String.join("\n", lines));
        assertEquals("refused a packet from [AF_INET]10.0.0.2:41234: its TCP connection did not finish the handshake within"
                + " hand-window, and was closed", lines.get(0));
    }

    @Test
    void eachSourceAndReasonGetsItsOwnLine() {
        refusals.refused(TransportDrops.HAND_WINDOW, stranger);
        refusals.refused(TransportDrops.BAD_FRAME_LENGTH, stranger);
        refusals.refused(TransportDrops.HAND_WINDOW, new InetSocketAddress("10.0.0.3", 41234));

        assertEquals(3, lines.size(), String.join("\n", lines));
    }

    @Test
    void aConnectionWithoutAKnownSourceIsCountedOnly() {
        refusals.refused(TransportDrops.NO_SLOT, null);

        assertEquals(1, drops.get(TransportDrops.NO_SLOT));
        assertEquals(List.of(), lines);
    }
}

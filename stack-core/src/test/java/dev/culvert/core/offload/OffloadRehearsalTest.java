package dev.culvert.core.offload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.core.checksum.InternetChecksum;
import dev.culvert.core.packet.Packet;
import dev.culvert.core.packet.PacketBatch;
import dev.culvert.core.packet.PacketPool;
import java.nio.ByteBuffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OffloadRehearsalTest {
    @ParameterizedTest(name = "{0} rounds")
    @ValueSource(ints = {1, 2, 7})
    void everyRehearsedSuperPacketIsCutAndJoinedBackWhole(int rounds) {
        assertEquals(rounds, new OffloadRehearsal().run(rounds));
    }

    @ParameterizedTest(name = "IPv4: {0}")
    @ValueSource(booleans = {true, false})
    void theMadeUpSuperPacketIsOneADeviceCouldHandOver(boolean ipv4) {
        ByteBuffer superPacket = OffloadRehearsal.superPacket(ipv4);
        OffloadDrops drops = new OffloadDrops();
        SuperPacketSplitter splitter = new SuperPacketSplitter(drops);
        PacketPool pool = new PacketPool("rehearsal-test", PacketBatch.DEFAULT_CAPACITY);
        PacketBatch batch = new PacketBatch();

        assertTrue(splitter.load(superPacket, 0, VirtioNetHeader.SIZE, superPacket.limit() - VirtioNetHeader.SIZE));
        splitter.emit(batch, pool);

        int ipHeader = ipv4 ? 20 : 40;
        assertEquals(OffloadRehearsal.PAYLOAD / OffloadRehearsal.SEGMENT, batch.size());
        for (int i = 0; i < batch.size(); i++) {
            Packet segment = batch.get(i);
            assertEquals(ipHeader + 20 + OffloadRehearsal.SEGMENT, segment.length(), "segment " + i);
            int transport = segment.length() - ipHeader;
            long sum = InternetChecksum.add(InternetChecksum.pseudoHeader(segment, 6, transport), segment, ipHeader, transport);
            assertEquals(0xffff, InternetChecksum.fold(sum), "TCP checksum of segment " + i);
            if (ipv4) {
                assertTrue(InternetChecksum.verifies(segment, 0, 20), "IPv4 header checksum of segment " + i);
            }
        }
        batch.releaseAll();
        assertEquals(0, pool.outstanding());
        assertEquals(0, drops.total());
    }
}

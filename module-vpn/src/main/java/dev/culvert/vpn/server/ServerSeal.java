package dev.culvert.vpn.server;

import dev.culvert.core.graph.DropReason;
import dev.culvert.core.graph.Emitter;
import dev.culvert.core.graph.Node;
import dev.culvert.core.packet.Packet;
import dev.culvert.core.packet.PacketBatch;
import dev.culvert.vpn.session.DataPlane;
import java.util.List;

/**
 * Seals an inside packet for the client its flow names, on that client's owner worker (so its
 * packet ids go out in order), and re-tags it with the client's transport endpoint for
 * {@link ServerSend}.
 */
final class ServerSeal implements Node {
    private final ClientTable clients;

    ServerSeal(ClientTable clients) {
        this.clients = clients;
    }

    @Override
    public List<String> ports() {
        return List.of("sealed");
    }

    @Override
    public void process(PacketBatch batch, Emitter out) {
        long now = System.nanoTime();
        for (int i = 0; i < batch.size(); i++) {
            Packet packet = batch.get(i);
            ServerClient client = clients.byIndex((int) packet.flow());
            DataPlane data = client == null ? null : client.data;
            if (data == null || !data.ready()) {
                out.drop(packet, client == null ? ServerDrops.NO_CLIENT : ServerDrops.NO_KEYS);
                continue;
            }
            DropReason why = data.seal(packet, now);
            if (why != null) {
                out.drop(packet, why);
                continue;
            }
            client.bytesOut.add(packet.length());
            packet.setFlow(client.endpoint());
            out.forward(packet, 0);
        }
    }
}

package dev.culvert.distribution.architecture.seeded.dataplane;

import dev.culvert.core.graph.Emitter;
import dev.culvert.core.graph.Node;
import dev.culvert.core.packet.PacketBatch;
import javax.net.ssl.SSLEngine;

/** A node that would run a TLS engine on the data path. */
public final class HandshakingNode implements Node {
    private final SSLEngine engine;

    public HandshakingNode(SSLEngine engine) {
        this.engine = engine;
    }

    @Override
    public void process(PacketBatch batch, Emitter out) {
        engine.getHandshakeStatus();
    }
}

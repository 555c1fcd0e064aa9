package dev.culvert.vpn.session;

import dev.culvert.spi.aead.AeadAlgorithm;
import dev.culvert.vpn.keys.PeerInfo;
import java.util.List;

/**
 * The server role's hook for a client's PUSH_REPLY: the messages to send (each a complete
 * {@code PUSH_REPLY,…} text, e.g. from {@link dev.culvert.vpn.push.PushReplyBuilder#build()}),
 * given what was negotiated with that client.
 */
@FunctionalInterface
public interface PushReplySource {
    List<String> pushReply(PeerInfo client, AeadAlgorithm cipher, boolean tlsEkm, boolean ccExit);
}

package dev.culvert.vpn.session;

import dev.culvert.vpn.keys.DataCipher;
import dev.culvert.vpn.keys.PeerInfo;
import java.util.List;

/**
 * The server role's hook for a client's PUSH_REPLY: the messages to send (each a complete
 * {@code PUSH_REPLY,…} text, e.g. from {@link dev.culvert.vpn.push.PushReplyBuilder#build()}),
 * given what was negotiated with that client. The core has already derived the client's data keys
 * from these choices, so the reply must carry them: {@code cipher}, and {@code protocol-flags …
 * tls-ekm} or {@code key-derivation tls-ekm} exactly when {@code tlsEkm}
 * ({@link dev.culvert.vpn.push.PushReplyBuilder#protocolFlags} writes the right one), else the
 * client derives other keys and no data packet authenticates.
 *
 * <p>{@code null} means "not yet": the runtime still settles the client (a connect hook runs). The
 * session then holds the request, as 2.6 defers a PUSH_REQUEST, and answers it at the runtime's
 * {@link VpnSession#pushIfClientAllows}.
 */
@FunctionalInterface
public interface PushReplySource {
    List<String> pushReply(PeerInfo client, DataCipher cipher, boolean tlsEkm, boolean ccExit);
}

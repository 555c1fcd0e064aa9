package dev.culvert.vpn.config;

import dev.culvert.spi.config.ConfigException;
import dev.culvert.spi.config.Directive;
import dev.culvert.vpn.control.StaticKeyException;
import dev.culvert.vpn.control.TlsCryptV2Client;
import dev.culvert.vpn.control.TlsCryptV2ClientKey;
import dev.culvert.vpn.control.TlsCryptV2Server;
import dev.culvert.vpn.control.TlsCryptV2ServerKey;
import dev.culvert.vpn.keys.Role;
import dev.culvert.vpn.replay.ReplayWindowSize;
import dev.culvert.vpn.session.ControlWrapFactory;

/**
 * {@code tls-crypt-v2 FILE [force-cookie|allow-noncookie]} (or an inline {@code <tls-crypt-v2>}
 * block): on a client, the client's own key and its wrapped copy; on a server, the server key
 * that unwraps every client's. {@code force-cookie} makes a UDP server refuse clients that cannot
 * send their key a second time (2.5 and older), so no packet from a stranger creates state;
 * {@code allow-noncookie}, the default, lets them in as 2.6 does.
 */
record TlsCryptV2Config(TlsCryptV2ClientKey clientKey, TlsCryptV2ServerKey serverKey, boolean forceCookie) {
    static final String NAME = "tls-crypt-v2";

    static TlsCryptV2Config from(Directive d, Role role) throws ConfigException {
        boolean forceCookie = false;
        if (!d.inline() && d.args().size() == 2) {
            String flag = d.args().get(1);
            if (!flag.equals("force-cookie") && !flag.equals("allow-noncookie")) {
                throw new ConfigException(d, "'" + flag + "' is not a tls-crypt-v2 option",
                        "write 'force-cookie' or 'allow-noncookie' after the file, or nothing");
            }
            forceCookie = flag.equals("force-cookie");
        }
        if (forceCookie && role != Role.SERVER) {
            throw new ConfigException(d, "'force-cookie' is a server's choice", "remove 'force-cookie' from the client's line");
        }
        String file = d.args().get(0);
        try {
            if (role == Role.SERVER) {
                return new TlsCryptV2Config(null, d.inline() ? TlsCryptV2ServerKey.parse(file, d.where())
                        : TlsCryptV2ServerKey.read(d.resolve(file)), forceCookie);
            }
            return new TlsCryptV2Config(d.inline() ? TlsCryptV2ClientKey.parse(file, d.where())
                    : TlsCryptV2ClientKey.read(d.resolve(file)), null, false);
        } catch (StaticKeyException e) {
            String wanted = role == Role.SERVER ? "a server takes the server key (tls-crypt-v2 server key)"
                    : "a client takes its own client key (tls-crypt-v2 client key)";
            throw new ConfigException(d, "'tls-crypt-v2': " + e.getMessage(), wanted);
        }
    }

    /** Each session's wrapping: the client's key with its WKc, or the server key that recovers each client's. */
    ControlWrapFactory wrapFactory(ReplayWindowSize replay) {
        return clientKey != null ? epoch -> TlsCryptV2Client.create(clientKey, epoch, replay.newWindow())
                : epoch -> new TlsCryptV2Server(serverKey, forceCookie, epoch, replay.newWindow());
    }
}

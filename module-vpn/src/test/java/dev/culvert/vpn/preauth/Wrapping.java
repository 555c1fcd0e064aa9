package dev.culvert.vpn.preauth;

import dev.culvert.vpn.control.ControlWrap;
import dev.culvert.vpn.control.KeyDirection;
import dev.culvert.vpn.control.NoWrap;
import dev.culvert.vpn.control.StaticKey;
import dev.culvert.vpn.control.StaticKeyException;
import dev.culvert.vpn.control.TlsAuth;
import dev.culvert.vpn.control.TlsCrypt;
import dev.culvert.vpn.keys.HmacDigest;
import dev.culvert.vpn.session.ControlWrapFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The three control-channel wrappings the gate is tested under, each with a client and a server
 * side over one key: the tls-crypt key stock OpenVPN 2.6.14 generated (control/live/tc.key, so a
 * captured 2.6 client reset can be fed in), and for tls-auth its ta.key with SHA-256.
 */
enum Wrapping {
    NONE, TLS_AUTH, TLS_CRYPT;

    ControlWrapFactory server() {
        return switch (this) {
            case NONE -> epoch -> new NoWrap();
            case TLS_AUTH -> epoch -> new TlsAuth(key("ta.key"), KeyDirection.NORMAL, HmacDigest.SHA256, epoch);
            case TLS_CRYPT -> epoch -> TlsCrypt.forServer(key("tc.key"), epoch);
        };
    }

    ControlWrapFactory client() {
        return switch (this) {
            case NONE -> epoch -> new NoWrap();
            case TLS_AUTH -> epoch -> new TlsAuth(key("ta.key"), KeyDirection.INVERSE, HmacDigest.SHA256, epoch);
            case TLS_CRYPT -> epoch -> TlsCrypt.forClient(key("tc.key"), epoch);
        };
    }

    ControlWrap newClient(long epochSeconds) {
        return client().create(epochSeconds);
    }

    static byte[] liveResource(String name) {
        try (InputStream in = Wrapping.class.getResourceAsStream("/dev/culvert/vpn/control/live/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static StaticKey key(String name) {
        try {
            return StaticKey.parse(new String(liveResource(name), StandardCharsets.US_ASCII), name);
        } catch (StaticKeyException e) {
            throw new AssertionError(e);
        }
    }
}

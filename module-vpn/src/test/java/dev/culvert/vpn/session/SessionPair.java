package dev.culvert.vpn.session;

import dev.culvert.core.aead.JceAeadProvider;
import dev.culvert.core.packet.Packet;
import dev.culvert.core.packet.PacketPool;
import dev.culvert.spi.tls.RequiredPeerUsage;
import dev.culvert.spi.tls.TlsProvider;
import dev.culvert.spi.tls.TlsSettings;
import dev.culvert.ssl.bc.BcTlsProvider;
import dev.culvert.testing.pki.TestPki;
import dev.culvert.vpn.control.NoWrap;
import dev.culvert.vpn.control.StaticKey;
import dev.culvert.vpn.control.TlsCrypt;
import dev.culvert.vpn.fragment.FragmentSize;
import dev.culvert.vpn.keys.DataCipher;
import dev.culvert.vpn.keys.OccOptionsString;
import dev.culvert.vpn.push.PushReplyBuilder;
import java.security.SecureRandom;
import java.util.List;
import java.util.Random;
import javax.net.ssl.SSLEngine;

/** A client core and a server core wired back to back without loss, for tests that need a live session. */
final class SessionPair {
    static final long MS = 1_000_000L;
    final RecordingOutput clientOut = new RecordingOutput();
    final RecordingOutput serverOut = new RecordingOutput();
    final VpnSession client;
    final VpnSession server;
    final PacketPool pool = new PacketPool("pair", 64);
    long now = 1_000 * MS;
    /** Whether the server pushes a peer-id (else both sides speak P_DATA_V1). */
    boolean pushPeerId = true;
    /** Whether the server pushes protocol-flags (else key-derivation tls-ekm only, so no cc-exit). */
    boolean pushProtocolFlags = true;
    /** Whether the server's runtime has no PUSH_REPLY yet (a connect hook still runs). */
    volatile boolean pushHeld;
    /** Further options the server pushes, e.g. {@code auth-token …}. */
    final List<String> pushExtra = new java.util.ArrayList<>();
    /** Every TLS engine either side made, in order. */
    final List<SSLEngine> engines = new java.util.concurrent.CopyOnWriteArrayList<>();

    SessionPair() throws Exception {
        this(List.of(DataCipher.AES_256_GCM), List.of(DataCipher.AES_256_GCM), 0, 1);
    }

    /** With each side's data-ciphers, the server's reneg-sec and the client's explicit-exit-notify. */
    SessionPair(List<DataCipher> clientCiphers, List<DataCipher> serverCiphers, int serverRenegSeconds, int exitNotify)
            throws Exception {
        this(clientCiphers, serverCiphers, serverRenegSeconds, exitNotify, false);
    }

    /** As above; {@code noWrap} leaves the control channel unwrapped (so a fuzzer's bytes reach deeper). */
    SessionPair(List<DataCipher> clientCiphers, List<DataCipher> serverCiphers, int serverRenegSeconds, int exitNotify,
                boolean noWrap) throws Exception {
        this(clientCiphers, serverCiphers, serverRenegSeconds, exitNotify, noWrap, null);
    }

    /** As above, the client sending {@code credentials}' username and password in key method 2 (null: none). */
    SessionPair(List<DataCipher> clientCiphers, List<DataCipher> serverCiphers, int serverRenegSeconds, int exitNotify,
                boolean noWrap, ClientCredentials credentials) throws Exception {
        this(clientCiphers, serverCiphers, serverRenegSeconds, exitNotify, noWrap, credentials, null, false, PeerCertificateVerifier.NONE,
                PeerCertificateVerifier.NONE);
    }

    /** Sessions that wait for {@code clientVerifier}, resp. {@code serverVerifier}, after each handshake (NONE: no wait). */
    static SessionPair verifying(PeerCertificateVerifier clientVerifier, PeerCertificateVerifier serverVerifier, int serverRenegSeconds)
            throws Exception {
        return new SessionPair(List.of(DataCipher.AES_256_GCM), List.of(DataCipher.AES_256_GCM), serverRenegSeconds, 0, false, null, null,
                false, clientVerifier, serverVerifier);
    }

    /** A server that waits for a verdict on each key's credentials ({@link ServerSettings#checksCredentials()}). */
    static SessionPair checkingCredentials(ClientCredentials credentials, int serverRenegSeconds) throws Exception {
        return new SessionPair(List.of(DataCipher.AES_256_GCM), List.of(DataCipher.AES_256_GCM), serverRenegSeconds, 0, false,
                credentials, null, true, PeerCertificateVerifier.NONE, PeerCertificateVerifier.NONE);
    }

    /** Both sides with {@code fragment} (null: without). */
    SessionPair(FragmentSize fragment) throws Exception {
        this(List.of(DataCipher.AES_256_GCM), List.of(DataCipher.AES_256_GCM), 0, 1, false, null, fragment, false,
                PeerCertificateVerifier.NONE, PeerCertificateVerifier.NONE);
    }

    private SessionPair(List<DataCipher> clientCiphers, List<DataCipher> serverCiphers, int serverRenegSeconds, int exitNotify,
                        boolean noWrap, ClientCredentials credentials, FragmentSize fragment, boolean checksCredentials,
                        PeerCertificateVerifier clientVerifier, PeerCertificateVerifier serverVerifier) throws Exception {
        TestPki.Issued ca = TestPki.ca("pair-ca");
        TestPki.Issued serverCert = TestPki.leaf(ca, "pair-server", TestPki.Usage.SERVER);
        TestPki.Issued clientCert = TestPki.leaf(ca, "pair-client", TestPki.Usage.CLIENT);
        byte[] staticKey = new byte[StaticKey.LENGTH];
        new Random(3).nextBytes(staticKey);
        TlsProvider tls = new RecordingTls(new BcTlsProvider(), engines);
        PushReplySource push = (info, cipher, ekm, ccExit) -> {
            if (pushHeld) {
                return null;
            }
            PushReplyBuilder b = new PushReplyBuilder().push("topology subnet").ifconfig("10.8.0.2", "255.255.255.0");
            if (pushPeerId) {
                b.peerId(0);
            }
            b.cipher(cipher);
            if (pushProtocolFlags) {
                b.protocolFlags(info.ivProto(), ccExit, ekm, false);
            } else {
                // As to a client without CC_EXIT_NOTIFY: key-derivation tls-ekm, and no cc-exit.
                b.protocolFlags(info.ivProto() & ~dev.culvert.vpn.keys.IvProto.CC_EXIT_NOTIFY, false, ekm, false);
            }
            pushExtra.forEach(b::push);
            return b.build();
        };
        client = new VpnSession(SessionSettings.forClient(fragmenting(fragment, new CommonSettings(tls,
                new TlsSettings(true, List.of(ca.certificate()), List.of(clientCert.certificate()), clientCert.keys().getPrivate(),
                        "TLSv1.2", "TLSv1.3", false, RequiredPeerUsage.TLS_SERVER),
                ControlWrapping.notTlsAuth(noWrap ? epoch -> new NoWrap() : epoch -> TlsCrypt.forClient(StaticKey.ofBytes(staticKey), epoch)),
                OccOptionsString.Transport.UDP, DataSettings.of(clientCiphers, new JceAeadProvider()),
                SessionTimers.defaults().withReneg(0).withPing(10).withPingRestart(60), new SecureRandom()).withPeerVerifier(clientVerifier)),
                ClientSettings.announcing("t").withExplicitExitNotify(exitNotify).withCredentials(credentials)), clientOut, now, 1_700_000_000L);
        server = new VpnSession(SessionSettings.forServer(fragmenting(fragment, new CommonSettings(tls,
                new TlsSettings(false, List.of(ca.certificate()), List.of(serverCert.certificate()), serverCert.keys().getPrivate(),
                        "TLSv1.2", "TLSv1.3", true, RequiredPeerUsage.TLS_CLIENT),
                ControlWrapping.notTlsAuth(noWrap ? epoch -> new NoWrap() : epoch -> TlsCrypt.forServer(StaticKey.ofBytes(staticKey), epoch)),
                OccOptionsString.Transport.UDP, DataSettings.of(serverCiphers, new JceAeadProvider()),
                SessionTimers.defaults().withReneg(serverRenegSeconds).withPing(10).withPingRestart(60), new SecureRandom())
                        .withPeerVerifier(serverVerifier)),
                ServerSettings.pushing(push).checkingCredentials(checksCredentials)), serverOut, now, 1_700_000_000L);
    }

    /** A pair with the server's reneg-sec and no exit-notify, the client started and both run for 3 s: connected by then. */
    static SessionPair afterConnect(int serverRenegSeconds) throws Exception {
        SessionPair pair = new SessionPair(List.of(DataCipher.AES_256_GCM), List.of(DataCipher.AES_256_GCM), serverRenegSeconds, 0);
        pair.client.start(pair.now);
        pair.run(3_000);
        return pair;
    }

    private static CommonSettings fragmenting(FragmentSize fragment, CommonSettings common) {
        return fragment == null ? common : common.withFragment(fragment);
    }

    /** Moves packets both ways, ticking both sides, for {@code millis} of simulated time. */
    void run(int millis) {
        for (int i = 0; i < millis; i += 10, now += 10 * MS) {
            client.tick(now);
            server.tick(now);
            move(clientOut, server);
            move(serverOut, client);
        }
    }

    /** A data packet the client seals now, as wire bytes. */
    byte[] clientSeals(byte[] inside) {
        Packet p = pool.acquire();
        try {
            p.setContents(inside, 0, inside.length);
            if (client.dataPlane().seal(p, now) != null) {
                return null;
            }
            return p.toByteArray();
        } finally {
            p.release();
        }
    }

    /** A data packet the server seals now, as wire bytes, or null if refused. */
    byte[] serverSeals(byte[] inside) {
        return seal(server, inside);
    }

    /** Opens wire bytes on the client's data side; the inside packet, or null if refused. */
    byte[] clientOpens(byte[] wire) {
        return open(client, wire);
    }

    /** Ticks both sides at the current time and delivers at most one queued packet each way; whether any moved. */
    boolean stepOnePacketEachWay() {
        client.tick(now);
        server.tick(now);
        boolean moved = deliverOne(clientOut, server);
        moved |= deliverOne(serverOut, client);
        return moved;
    }

    /** Delivers the oldest packet {@code from} queued to {@code to}; false if none was queued. */
    boolean deliverOne(RecordingOutput from, VpnSession to) {
        byte[] b = from.toPeer.poll();
        if (b == null) {
            return false;
        }
        if (VpnSession.isDataPacket(b[0] & 0xff)) {
            open(to, b);
        } else {
            to.receive(b, 0, b.length, now);
        }
        from.payloads.clear();
        return true;
    }

    private byte[] seal(VpnSession side, byte[] inside) {
        Packet p = pool.acquire();
        try {
            p.setContents(inside, 0, inside.length);
            return side.dataPlane().seal(p, now) == null ? p.toByteArray() : null;
        } finally {
            p.release();
        }
    }

    private byte[] open(VpnSession side, byte[] wire) {
        Packet p = pool.acquire();
        try {
            p.setContents(wire, 0, wire.length);
            return side.dataPlane().open(p, now) == DataPlane.Opened.TUNNEL ? p.toByteArray() : null;
        } finally {
            p.release();
        }
    }

    /** Opens wire bytes on the server's data side; the inside packet, or null if refused. */
    byte[] serverOpens(byte[] wire) {
        Packet p = pool.acquire();
        try {
            p.setContents(wire, 0, wire.length);
            return server.dataPlane().open(p, now) == DataPlane.Opened.TUNNEL ? p.toByteArray() : null;
        } finally {
            p.release();
        }
    }

    private void move(RecordingOutput from, VpnSession to) {
        move(from, to, pool, now);
    }

    /** Hands what {@code from} sent to {@code to}, data packets to its data side, the rest to its control side, without loss. */
    static void move(RecordingOutput from, VpnSession to, PacketPool pool, long now) {
        for (byte[] b; (b = from.toPeer.poll()) != null; ) {
            if (VpnSession.isDataPacket(b[0] & 0xff)) {
                Packet p = pool.acquire();
                p.setContents(b, 0, b.length);
                to.dataPlane().open(p, now);
                p.release();
            } else {
                to.receive(b, 0, b.length, now);
            }
        }
        from.payloads.clear();
    }
}

package dev.culvert.vpn.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.core.aead.JceAeadProvider;
import dev.culvert.core.graph.DropReason;
import dev.culvert.core.graph.Emitter;
import dev.culvert.core.packet.Packet;
import dev.culvert.core.packet.PacketPool;
import dev.culvert.core.worker.ControlExecutor;
import dev.culvert.spi.tls.RequiredPeerUsage;
import dev.culvert.spi.tls.TlsSettings;
import dev.culvert.spi.transport.Transport;
import dev.culvert.ssl.bc.BcTlsProvider;
import dev.culvert.testing.pki.TestPki;
import dev.culvert.vpn.control.KeyDirection;
import dev.culvert.vpn.control.NoWrap;
import dev.culvert.vpn.control.StaticKey;
import dev.culvert.vpn.control.TlsAuth;
import dev.culvert.vpn.control.TlsCrypt;
import dev.culvert.vpn.keys.DataCipher;
import dev.culvert.vpn.keys.HmacDigest;
import dev.culvert.vpn.keys.OccOptionsString;
import dev.culvert.vpn.preauth.PreAuthDrops;
import dev.culvert.vpn.session.CommonSettings;
import dev.culvert.vpn.session.ControlWrapFactory;
import dev.culvert.vpn.session.ControlWrapping;
import dev.culvert.vpn.session.DataPlane;
import dev.culvert.vpn.session.DataSettings;
import dev.culvert.vpn.session.PeerToPeerSettings;
import dev.culvert.vpn.session.SessionEvent;
import dev.culvert.vpn.session.SessionOutput;
import dev.culvert.vpn.session.SessionSettings;
import dev.culvert.vpn.session.SessionTimers;
import dev.culvert.vpn.session.VpnSession;
import dev.culvert.vpn.tunnel.ControlStrand;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A point-to-point TLS server without {@code remote} (the one-peer runtime's {@link ClientPeer} with
 * a {@link FirstPeerGate}, in front of a real tls-server session): only a hard reset that passes the
 * control channel's wrapping makes its sender the peer, and only while the session has none. The
 * peer table and the reply address are modelled as {@code ClientDataPath.learn} keeps them: the
 * sender learned gets a transport handle (an entry) and replies go to it.
 */
class PeerToPeerStrangersTest {
    enum Wrap { NONE, TLS_AUTH, TLS_CRYPT }

    private static final InetSocketAddress PEER = new InetSocketAddress("192.0.2.1", 1194);
    private static final InetSocketAddress STRANGER = new InetSocketAddress("198.51.100.7", 40000);
    private static final long EPOCH = 1_700_000_000L;

    private final ControlExecutor executor = new ControlExecutor(1, 64);
    private final ControlStrand strand = new ControlStrand(executor, "p2p strangers test", 64);
    private final PacketPool pool = new PacketPool("p2p-strangers", 16);
    /** The transport's peer table as learning fills it: address to handle. */
    private final Map<InetSocketAddress, Integer> peerTable = new LinkedHashMap<>();
    private final List<DropReason> dropped = new ArrayList<>();
    private final List<Packet> floats = new ArrayList<>();
    private int replyHandle = Transport.UNKNOWN_PEER;
    private final List<byte[]> clientSent = new ArrayList<>();
    private final byte[] keyBytes = bytes(StaticKey.LENGTH, 7);
    private final byte[] otherKeyBytes = bytes(StaticKey.LENGTH, 8);
    private TestPki.Issued ca;
    private TestPki.Issued home;
    private VpnSession server;
    private VpnSession client;
    private FirstPeerGate gate;
    private ClientPeer peer;

    private static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static ControlWrapFactory wrapping(Wrap w, byte[] key, boolean serverSide) {
        return switch (w) {
            case NONE -> epoch -> new NoWrap();
            case TLS_AUTH -> epoch -> new TlsAuth(StaticKey.ofBytes(key), serverSide ? KeyDirection.NORMAL : KeyDirection.INVERSE,
                    HmacDigest.SHA256, epoch);
            case TLS_CRYPT -> epoch -> serverSide ? TlsCrypt.forServer(StaticKey.ofBytes(key), epoch)
                    : TlsCrypt.forClient(StaticKey.ofBytes(key), epoch);
        };
    }

    private static ControlWrapping controlWrapping(Wrap w, ControlWrapFactory f) {
        return w == Wrap.TLS_AUTH ? ControlWrapping.tlsAuth(f) : ControlWrapping.notTlsAuth(f);
    }

    private void start(Wrap w) throws Exception {
        TestPki.Issued ca = TestPki.ca("p2p-strangers-ca");
        TestPki.Issued office = TestPki.leaf(ca, "office", TestPki.Usage.SERVER);
        TestPki.Issued home = TestPki.leaf(ca, "home", TestPki.Usage.CLIENT);
        BcTlsProvider tls = new BcTlsProvider();
        List<DataCipher> ciphers = List.of(DataCipher.AES_256_GCM);
        ControlWrapFactory serverWrap = wrapping(w, keyBytes, true);
        server = new VpnSession(SessionSettings.forPeerToPeer(new CommonSettings(tls,
                new TlsSettings(false, List.of(ca.certificate()), List.of(office.certificate()), office.keys().getPrivate(),
                        "TLSv1.2", "TLSv1.3", true, RequiredPeerUsage.TLS_CLIENT),
                controlWrapping(w, serverWrap), OccOptionsString.Transport.UDP, DataSettings.of(ciphers, new JceAeadProvider()),
                SessionTimers.defaults(), new SecureRandom()), PeerToPeerSettings.announcing("t")), output(null), 0, EPOCH);
        this.ca = ca;
        this.home = home;
        client = tlsClient(w, keyBytes, clientSent);
        server.start(0);
        gate = new FirstPeerGate(serverWrap);
        peer = new ClientPeer(strand, () -> server, s -> { }, () -> replyHandle, floats::add, this::learn, gate);
    }

    /** What {@code ClientDataPath.learn} does: the sender gets a handle (a table entry) and replies go there. */
    private void learn(InetSocketAddress from) {
        replyHandle = peerTable.computeIfAbsent(from, a -> peerTable.size());
    }

    private static SessionOutput output(List<byte[]> sent) {
        return new SessionOutput() {
            @Override
            public void sendToPeer(byte[] buf, int off, int len) {
                if (sent != null) {
                    sent.add(java.util.Arrays.copyOfRange(buf, off, off + len));
                }
            }

            @Override
            public void event(SessionEvent event) {
            }

            @Override
            public void dataPayloadDue(DataPlane.ControlPayload payload) {
            }
        };
    }

    @AfterEach
    void stop() {
        if (gate != null) {
            gate.close();
        }
        if (client != null) {
            client.dispose();
            server.dispose();
        }
        executor.close();
    }

    /** Hands {@code bytes} from {@code from} to the peer's control path and waits until the session took it. */
    private void deliver(byte[] bytes, InetSocketAddress from) throws Exception {
        Packet p = pool.acquire();
        p.setContents(bytes, 0, bytes.length);
        Integer handle = peerTable.get(from);
        p.setRemote(handle == null ? Transport.UNKNOWN_PEER : handle);
        p.remoteAddress().set(from);
        peer.control(p, 0, recorder);
        CompletableFuture<Void> done = new CompletableFuture<>();
        assertTrue(strand.offer(() -> done.complete(null)));
        done.get();
    }

    /** The tls-client's hard reset, as it sent it. */
    private byte[] clientReset() {
        assertTrue(!clientSent.isEmpty(), "the tls-client sent its hard reset on start");
        return clientSent.get(0);
    }

    /** The same reset, wrapped with another key: what a stranger without the key can send. */
    private byte[] resetUnderAnotherKey(Wrap w) throws Exception {
        List<byte[]> sent = new ArrayList<>();
        tlsClient(w, otherKeyBytes, sent).dispose();
        return sent.get(0);
    }

    /** A started tls-client session whose control channel is wrapped with {@code key}. */
    private VpnSession tlsClient(Wrap w, byte[] key, List<byte[]> sent) {
        VpnSession s = new VpnSession(SessionSettings.forPeerToPeer(new CommonSettings(new BcTlsProvider(),
                new TlsSettings(true, List.of(ca.certificate()), List.of(home.certificate()), home.keys().getPrivate(),
                        "TLSv1.2", "TLSv1.3", false, RequiredPeerUsage.TLS_SERVER),
                controlWrapping(w, wrapping(w, key, false)), OccOptionsString.Transport.UDP,
                DataSettings.of(List.of(DataCipher.AES_256_GCM), new JceAeadProvider()), SessionTimers.defaults(),
                new SecureRandom()), PeerToPeerSettings.announcing("t")), output(sent), 0, EPOCH);
        s.start(0);
        return s;
    }

    private final Emitter recorder = new Emitter() {
        @Override
        public dev.culvert.core.graph.WorkerContext worker() {
            return dev.culvert.core.graph.WorkerContext.NONE;
        }

        @Override
        public void forward(Packet packet, int port) {
            packet.release();
        }

        @Override
        public void consume(Packet packet) {
        }

        @Override
        public void refused(Packet packet, DropReason reason) {
            drop(packet, reason);
        }

        @Override
        public void drop(Packet packet, DropReason reason) {
            dropped.add(reason);
            packet.release();
        }
    };

    @ParameterizedTest
    @EnumSource(value = Wrap.class, names = {"TLS_AUTH", "TLS_CRYPT"})
    void strangersGarbageAndWrongKeyLeaveThePeerTableAndReplyAddressAloneAndAreCounted(Wrap w) throws Exception {
        start(w);
        byte[] garbage = bytes(120, 1);
        garbage[0] = (byte) (7 << 3); // looks like a P_CONTROL_HARD_RESET_CLIENT_V2, key id 0
        deliver(garbage, STRANGER);
        deliver(resetUnderAnotherKey(w), STRANGER);
        deliver(new byte[] {(byte) (4 << 3)}, STRANGER); // a P_CONTROL_V1 cut short
        assertEquals(List.of(PreAuthDrops.BAD_WRAP, PreAuthDrops.BAD_WRAP, PreAuthDrops.TOO_SHORT), dropped);
        assertTrue(peerTable.isEmpty(), "no entry for a stranger: " + peerTable);
        assertEquals(Transport.UNKNOWN_PEER, replyHandle);
        assertNull(server.peerSessionId(), "the session still waits for its peer");
        dropped.forEach(why -> assertNotNull(why.refusal(), why + " is logged once per source"));
    }

    @ParameterizedTest
    @EnumSource(Wrap.class)
    void theAuthenticPeerConnectsAndAReplayOfItsResetFromElsewhereDisplacesNothing(Wrap w) throws Exception {
        start(w);
        deliver(clientReset(), PEER);
        assertEquals(Map.of(PEER, 0), peerTable);
        assertEquals(0, replyHandle);
        assertNotNull(server.peerSessionId(), "the reset opened the session with its peer");
        deliver(clientReset(), STRANGER);
        assertEquals(Map.of(PEER, 0), peerTable, "the replayed reset made no entry");
        assertEquals(0, replyHandle, "replies still go to the peer");
    }

    @Test
    void withPlainTlsAStrangersResetMayStartTheHandshakeButNotDisplaceAnEstablishedPeer() throws Exception {
        start(Wrap.NONE);
        deliver(clientReset(), PEER);
        deliver(resetUnderAnotherKey(Wrap.NONE), STRANGER);
        deliver(bytes(80, 2), STRANGER);
        assertEquals(Map.of(PEER, 0), peerTable);
        assertEquals(0, replyHandle);
    }

    @Test
    void theAuthenticPeerStillFloatsOnAnOpenedDataPacket() throws Exception {
        start(Wrap.TLS_CRYPT);
        deliver(clientReset(), PEER);
        Packet fromElsewhere = pool.acquire();
        fromElsewhere.setRemote(Transport.UNKNOWN_PEER);
        assertSame(peer, peer.sender(null, fromElsewhere, recorder));
        peer.opened(10);
        assertEquals(List.of(fromElsewhere), floats);
        fromElsewhere.release();
    }
}

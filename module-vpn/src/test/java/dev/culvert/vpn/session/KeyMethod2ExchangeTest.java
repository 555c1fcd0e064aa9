package dev.culvert.vpn.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.vpn.control.NoWrap;
import dev.culvert.vpn.keys.DataCipher;
import dev.culvert.vpn.keys.DirectionalKeys;
import dev.culvert.vpn.keys.IvProto;
import dev.culvert.vpn.keys.KeyMethod2Codec;
import dev.culvert.vpn.keys.KeyMethod2Message;
import dev.culvert.vpn.keys.PeerInfo;
import dev.culvert.vpn.wire.SessionId;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Key method 2 between a client and a server, without TLS: the messages and the keys they give. */
class KeyMethod2ExchangeTest {
    private static KeyMethod2Exchange client;
    private static KeyMethod2Exchange server;
    private static final SessionId CLIENT_SID = new SessionId(0x1111_2222_3333_4444L);
    private static final SessionId SERVER_SID = new SessionId(0x5555_6666_7777_8888L);

    @BeforeAll
    static void settings() throws Exception {
        TestPkiAccess.SettingsPair pair = TestPkiAccess.settingsPair(epoch -> new NoWrap(), epoch -> new NoWrap(), false);
        client = new KeyMethod2Exchange(pair.client());
        server = new KeyMethod2Exchange(pair.server());
    }

    @Test
    void theClientsMessageCarriesAPreMasterSecretAndItsPeerInfo() {
        KeyMethod2Message message = client.local(true);
        assertTrue(message.fromClient());
        PeerInfo info = PeerInfo.parse(message.peerInfo());
        assertEquals("t", info.get("IV_VER"));
        assertEquals("AES-256-GCM", info.ivCiphers());
        int bits = info.ivProto();
        assertTrue(IvProto.has(bits, IvProto.TLS_KEY_EXPORT));
        assertTrue(IvProto.has(bits, IvProto.DATA_V2));
        assertTrue(IvProto.has(bits, IvProto.REQUEST_PUSH));
        assertTrue(IvProto.has(bits, IvProto.CC_EXIT_NOTIFY));
        assertTrue(message.options().startsWith("V4,"), message.options());
    }

    @Test
    void theOptionsStringAnnouncesTheTunMtuAndTheLinkMtuItGives() throws Exception {
        assertTrue(client.local(false).options().contains(",link-mtu 1541,tun-mtu 1500,"), client.local(false).options());
        TestPkiAccess.SettingsPair pair = TestPkiAccess.settingsPair(epoch -> new NoWrap(), epoch -> new NoWrap(), false);
        SessionSettings c = SessionSettings.forClient(pair.client().common().withTunMtu(1400), pair.client().client());
        SessionSettings s = SessionSettings.forServer(pair.server().common().withTunMtu(1400), pair.server().server());
        assertTrue(new KeyMethod2Exchange(c).local(false).options().contains(",link-mtu 1441,tun-mtu 1400,"));
        assertTrue(new KeyMethod2Exchange(s).local(false).options().contains(",link-mtu 1441,tun-mtu 1400,"));
    }

    @Test
    void aClientThatCannotExportDoesNotOfferTlsEkm() {
        int bits = PeerInfo.parse(client.local(false).peerInfo()).ivProto();
        assertFalse(IvProto.has(bits, IvProto.TLS_KEY_EXPORT));
    }

    @Test
    void theServersMessageHasNeitherPreMasterNorPeerInfo() {
        KeyMethod2Message message = server.local(true);
        assertFalse(message.fromClient());
        assertNull(message.preMaster());
        assertEquals("", message.peerInfo());
    }

    @Test
    void eachMessageHasFreshRandoms() {
        assertFalse(Arrays.equals(client.local(false).random1(), client.local(false).random1()));
    }

    @Test
    void bothSidesDeriveTheSameKeysCrossedByThePrf() throws Exception {
        KeyMethod2Message clientLocal = client.local(false);
        KeyMethod2Message serverLocal = server.local(false);
        KeyMethod2Codec.Read atServer = server.readPeer(KeyMethod2Exchange.encode(clientLocal));
        KeyMethod2Codec.Read atClient = client.readPeer(KeyMethod2Exchange.encode(serverLocal));
        assertTrue(atServer.ok());
        assertTrue(atClient.ok());
        DirectionalKeys clientKeys = client.prfKeys(clientLocal, atClient.message(), CLIENT_SID, SERVER_SID, DataCipher.AES_256_GCM);
        DirectionalKeys serverKeys = server.prfKeys(serverLocal, atServer.message(), SERVER_SID, CLIENT_SID, DataCipher.AES_256_GCM);
        assertArrayEquals(clientKeys.send().cipherKeyBytes(), serverKeys.receive().cipherKeyBytes());
        assertArrayEquals(clientKeys.receive().cipherKeyBytes(), serverKeys.send().cipherKeyBytes());
        assertFalse(Arrays.equals(clientKeys.send().cipherKeyBytes(), clientKeys.receive().cipherKeyBytes()));
    }

    @Test
    void anotherSessionIdGivesOtherKeys() throws Exception {
        KeyMethod2Message clientLocal = client.local(false);
        KeyMethod2Message serverLocal = server.local(false);
        DirectionalKeys right = client.prfKeys(clientLocal, serverLocal, CLIENT_SID, SERVER_SID, DataCipher.AES_256_GCM);
        DirectionalKeys other = client.prfKeys(clientLocal, serverLocal, CLIENT_SID, new SessionId(9), DataCipher.AES_256_GCM);
        assertFalse(Arrays.equals(right.send().cipherKeyBytes(), other.send().cipherKeyBytes()));
    }

    @Test
    void theRecordIsWipedOnceRead() {
        byte[] record = KeyMethod2Exchange.encode(client.local(false));
        assertTrue(server.readPeer(record).ok());
        assertArrayEquals(new byte[record.length], record);
    }

    @Test
    void aRecordThatIsNoKeyMethod2MessageIsRefusedWithAReason() {
        KeyMethod2Codec.Read read = server.readPeer(new byte[] {1, 2, 3});
        assertFalse(read.ok());
        assertNotNull(read.reject());
    }
}

package dev.culvert.vpn.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.core.aead.JceAeadProvider;
import dev.culvert.vpn.control.NoWrap;
import dev.culvert.vpn.keys.DataCipher;
import dev.culvert.vpn.keys.Role;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A session's settings: one common part, exactly one role part, and defaults named where they are made. */
class SessionSettingsTest {
    private static TestPkiAccess.SettingsPair pair;

    @BeforeAll
    static void settings() throws Exception {
        pair = TestPkiAccess.settingsPair(epoch -> new NoWrap(), epoch -> new NoWrap(), false);
    }

    @Test
    void theRoleIsThePartPresent() {
        assertEquals(Role.CLIENT, pair.client().role());
        assertEquals(Role.SERVER, pair.server().role());
    }

    @Test
    void theTlsRoleMustMatch() {
        CommonSettings serverCommon = pair.server().common();
        assertThrows(IllegalArgumentException.class, () -> SessionSettings.forClient(serverCommon, ClientSettings.announcing("t")));
        assertThrows(IllegalArgumentException.class, () -> SessionSettings.forServer(pair.client().common(), pair.server().server()));
    }

    @Test
    void exactlyOneRolePart() {
        CommonSettings common = pair.client().common();
        assertThrows(IllegalArgumentException.class, () -> new SessionSettings(common, null, null));
        assertThrows(IllegalArgumentException.class,
                () -> new SessionSettings(common, ClientSettings.announcing("t"), pair.server().server()));
    }

    @Test
    void aServerHasNoExitNotifyAndNoPeerInfo() {
        assertEquals(0, pair.server().explicitExitNotify());
        assertThrows(IllegalStateException.class, () -> pair.server().withPeerInfo(Map.of("IV_LZ4v2", "1")));
    }

    @Test
    void peerInfoIsAddedToTheClientPartOnly() {
        SessionSettings withComp = pair.client().withPeerInfo(Map.of("IV_COMP_STUBv2", "1"));
        assertEquals(Map.of("IV_COMP_STUBv2", "1"), withComp.client().peerInfoExtra());
        assertEquals(pair.client().common(), withComp.common());
    }

    @Test
    void timersStartAtOpenvpnsDefaults() {
        SessionTimers defaults = SessionTimers.defaults();
        assertEquals(3600, defaults.renegSeconds());
        assertEquals(60, defaults.handWindowSeconds());
        assertEquals(2, defaults.tlsTimeoutSeconds());
        assertEquals(0, defaults.pingSeconds());
        assertEquals(0, defaults.pingRestartSeconds());
        SessionTimers keepalive = defaults.withPing(10).withPingRestart(120);
        assertEquals(10, keepalive.pingSeconds());
        assertEquals(120, keepalive.pingRestartSeconds());
        assertEquals(3600, keepalive.renegSeconds());
        assertThrows(IllegalArgumentException.class, () -> defaults.withHandWindow(0));
        assertThrows(IllegalArgumentException.class, () -> defaults.withPing(-1));
    }

    @Test
    void aClientAnnouncesLinuxWithoutExitNotifyUnlessToldOtherwise() {
        ClientSettings client = ClientSettings.announcing("2.0");
        assertEquals("linux", client.platform());
        assertEquals(0, client.explicitExitNotify());
        assertEquals(2, client.withExplicitExitNotify(2).explicitExitNotify());
        assertEquals("culvert", ClientSettings.announcing(null).version());
    }

    @Test
    void dataCiphersMustNotBeEmptyAndTlsEkmIsAllowedUnlessSwitchedOff() {
        assertThrows(IllegalArgumentException.class, () -> DataSettings.of(List.of(), new JceAeadProvider()));
        DataSettings data = DataSettings.of(List.of(DataCipher.AES_256_GCM), new JceAeadProvider());
        assertTrue(data.allowTlsEkm());
        assertFalse(data.withoutTlsEkm().allowTlsEkm());
    }

    @Test
    void theWrappingSaysWhetherItIsTlsAuth() {
        ControlWrapFactory none = epoch -> new NoWrap();
        assertTrue(ControlWrapping.tlsAuth(none).tlsAuth());
        assertFalse(ControlWrapping.notTlsAuth(none).tlsAuth());
        assertTrue(ControlWrapping.of(none, true).tlsAuth());
    }
}

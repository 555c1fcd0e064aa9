package dev.culvert.vpn.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.core.aead.JceAeadProvider;
import dev.culvert.vpn.control.ControlChannel;
import dev.culvert.vpn.data.KeyContext;
import dev.culvert.vpn.keys.DataCipher;
import dev.culvert.vpn.keys.DirectionalKeys;
import dev.culvert.vpn.keys.Key2Splitter;
import dev.culvert.vpn.keys.Role;
import dev.culvert.vpn.replay.ReplayWindow;
import dev.culvert.vpn.wire.SessionId;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The key states of a session: which key seals, which still open, and when a key's bytes go. */
class KeyScheduleTest {
    private static final long S = 1_000_000_000L;
    private static final long GRACE = KeySchedule.RETIRE_GRACE_NANOS;

    private final DataPlane data = new DataPlane(new DropCounts(), 0);
    private final KeySchedule schedule = new KeySchedule(data);

    private KeyState negotiating(int keyId) {
        KeyState ks = new KeyState(keyId, ControlChannel.create(new SessionId(7), keyId, ControlChannel.DEFAULT_MAX_PACKET, 0, S), 0);
        schedule.add(ks);
        return ks;
    }

    private KeyState keyed(int keyId) throws GeneralSecurityException {
        KeyState ks = negotiating(keyId);
        ks.context = context(keyId, keys(keyId));
        return ks;
    }

    private static DirectionalKeys keys(int keyId) throws GeneralSecurityException {
        byte[] key2 = new byte[256];
        Arrays.fill(key2, (byte) (keyId + 1));
        return Key2Splitter.split(key2, DataCipher.AES_128_GCM, Role.CLIENT);
    }

    private static KeyContext context(int keyId, DirectionalKeys keys) throws GeneralSecurityException {
        return new KeyContext(keyId, keys, new ReplayWindow(), new JceAeadProvider());
    }

    private List<Integer> publishedKeyIds() {
        return data.keys().keys().stream().map(KeyContext::keyId).toList();
    }

    @Test
    void theFirstKeyBecomesThePrimaryAndIsPublished() throws Exception {
        KeyState first = keyed(0);
        assertNull(schedule.promote(first, 5 * S), "nothing was replaced");
        assertSame(first, schedule.primary());
        assertNull(schedule.lameDuck());
        assertEquals(0, data.keys().primaryKeyId());
        assertEquals(List.of(0), publishedKeyIds());
        assertEquals(5 * S, first.activatedNanos);
    }

    @Test
    void aRenegotiatedKeySealsAndTheOldPrimaryStillOpensAsTheLameDuck() throws Exception {
        KeyState first = keyed(0);
        schedule.promote(first, 0);
        KeyState second = keyed(1);
        assertSame(first, schedule.promote(second, 10 * S));
        assertSame(second, schedule.primary());
        assertSame(first, schedule.lameDuck());
        assertEquals(1, data.keys().primaryKeyId());
        assertEquals(List.of(1, 0), publishedKeyIds());
        assertFalse(first.context.isRetired());
    }

    @Test
    void aRenegotiatedKeyInstalledBeforeThePeerHasItOpensButTheOldPrimaryStillSeals() throws Exception {
        KeyState first = keyed(0);
        schedule.promote(first, 0);
        KeyState second = keyed(1);
        schedule.install(second);
        assertSame(first, schedule.primary());
        assertSame(second, schedule.installed());
        assertEquals(0, data.keys().primaryKeyId());
        assertEquals(List.of(0, 1), publishedKeyIds(), "the new key opens already");
        assertSame(second, schedule.negotiating(), "the renegotiation is not over until the new key seals");
        assertNull(schedule.promoteIfEstablished(10 * S), "nothing shows the peer has the new key");
        assertSame(first, schedule.promote(second, 10 * S));
        assertNull(schedule.installed());
        assertEquals(List.of(1, 0), publishedKeyIds());
    }

    @Test
    void aThirdKeyRetiresTheLameDuckOnceTheGraceTimeIsOver() throws Exception {
        KeyState first = keyed(0);
        schedule.promote(first, 0);
        schedule.promote(keyed(1), 10 * S);
        KeyState third = keyed(2);
        schedule.promote(third, 20 * S);
        assertEquals(List.of(2, 1), publishedKeyIds(), "the old lame duck left the published set at once");
        assertNull(schedule.get(0), "its key id is free");
        schedule.tick(20 * S + GRACE - 1);
        assertFalse(first.context.isRetired(), "a data-plane thread may still hold it");
        schedule.tick(20 * S + GRACE);
        assertTrue(first.context.isRetired());
    }

    @Test
    void theLameDuckExpiresAfterTheTransitionWindow() throws Exception {
        KeyState first = keyed(0);
        schedule.promote(first, 0);
        schedule.promote(keyed(1), 100 * S);
        long expiry = 100 * S + KeySchedule.TRANSITION_WINDOW_NANOS;
        schedule.tick(expiry - 1);
        assertSame(first, schedule.lameDuck());
        schedule.tick(expiry);
        assertNull(schedule.lameDuck());
        assertEquals(List.of(1), publishedKeyIds());
        schedule.tick(expiry + GRACE);
        assertTrue(first.context.isRetired());
    }

    @Test
    void retiringAKeyWipesItsBytesBothWays() throws Exception {
        DirectionalKeys bytes = keys(0);
        KeyState ks = negotiating(0);
        ks.context = context(0, bytes);
        schedule.promote(ks, 0);
        schedule.retire(ks, S);
        assertFalse(bytes.send().isWiped(), "kept through the grace time");
        schedule.tick(S + GRACE);
        assertTrue(bytes.send().isWiped());
        assertTrue(bytes.receive().isWiped());
    }

    @Test
    void disposingRetiresEveryKeyAtOnceAndPublishesNone() throws Exception {
        KeyState first = keyed(0);
        schedule.promote(first, 0);
        KeyState second = keyed(1);
        schedule.promote(second, S);
        schedule.disposeAll();
        assertTrue(first.context.isRetired());
        assertTrue(second.context.isRetired());
        assertEquals(-1, data.keys().primaryKeyId());
    }

    @Test
    void keyIdsAfterTheFirstRunOneToSevenThenOneAgain() throws Exception {
        assertEquals(1, schedule.nextKeyId());
        KeyState seventh = keyed(7);
        schedule.promote(seventh, 0);
        assertEquals(1, schedule.nextKeyId(), "0 belongs to the first key only");
    }

    @Test
    void theNegotiatingKeyStateIsTheOneWithoutADataKey() throws Exception {
        schedule.promote(keyed(0), 0);
        assertNull(schedule.negotiating());
        KeyState next = negotiating(1);
        assertSame(next, schedule.negotiating());
        assertThrows(IllegalStateException.class, () -> schedule.promote(next, S), "no data key yet");
        assertThrows(IllegalStateException.class, () -> negotiating(1), "one key state per key id");
    }
}

package dev.culvert.vpn.preauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A flood of hard resets from spoofed sources must cost the server CPU and answers, never memory:
 * the gate holds nothing per source, by construction (no field can grow), and the counters show
 * every packet was handled without a session being made. What a packet allocates (the JCE's
 * per-call objects, the address bytes) is bounded generously; it measures bytes, not time.
 */
class PreAuthFloodTest {
    private static final int FLOOD = 100_000;

    @Test
    void theGateHasOnlyFixedSizeFields() throws Exception {
        PreAuthGate gate = new PreAuthGate(new SessionIdCookie(new SecureRandom(), 60), Wrapping.TLS_CRYPT.server(), true);
        for (Field f : PreAuthGate.class.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers())) {
                continue;
            }
            assertTrue(Modifier.isFinal(f.getModifiers()) || f.getType() == boolean.class,
                    f.getName() + " is final (or the closed flag): nothing is swapped for something bigger");
            assertFalse(Collection.class.isAssignableFrom(f.getType()) || Map.class.isAssignableFrom(f.getType()),
                    f.getName() + " is no collection");
        }
    }

    @ParameterizedTest
    @EnumSource(Wrapping.class)
    void aHundredThousandResetsFromDistinctSpoofedSourcesAreAnsweredAndNothingIsKept(Wrapping w) throws Exception {
        SessionIdCookie cookie = new SessionIdCookie(new SecureRandom(), 60);
        PreAuthGate gate = new PreAuthGate(cookie, w.server(), true);
        InetSocketAddress[] sources = new InetSocketAddress[FLOOD];
        for (int i = 0; i < FLOOD; i++) {
            sources[i] = PreAuthGateTest.address(10, (i >>> 16) & 0xff, (i >>> 8) & 0xff, i & 0xff, 1024 + (i % 60_000));
        }
        byte[] reset = PreAuthGateTest.reset(w);
        byte[] reply = new byte[PreAuthGate.MAX_REPLY_LENGTH];
        Map<String, Integer> arraysBefore = arrayLengths(gate);

        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long self = Thread.currentThread().threadId();
        long allocatedBefore = threads.getThreadAllocatedBytes(self);
        int answered = 0;
        for (int i = 0; i < FLOOD; i++) {
            Verdict v = gate.check(reset, 0, reset.length, sources[i], PreAuthGateTest.EPOCH, i, reply);
            if (v.kind() == Verdict.Kind.RESET_ANSWERED) {
                answered++;
            }
        }
        long allocatedPerPacket = (threads.getThreadAllocatedBytes(self) - allocatedBefore) / FLOOD;

        assertEquals(FLOOD, answered);
        assertEquals(FLOOD, gate.resetsAnswered());
        assertEquals(0, gate.drops().total());
        assertEquals(0, gate.cookiesVerified() + gate.newSessions());
        assertEquals(arraysBefore, arrayLengths(gate), "no scratch grew");
        assertTrue(allocatedPerPacket < 1024, "allocated " + allocatedPerPacket + " bytes per packet");

        // And the flood did not get in the way of a genuine client (sources[7] answering its cookie).
        long ours = cookie.compute(PreAuthGateTest.EPOCH, sources[7], PreAuthGateTest.CLIENT_SID);
        byte[] hello = PreAuthGateTest.hello(w, ours, PreAuthGateTest.CLIENT_SID);
        assertEquals(Verdict.Kind.VERIFIED,
                gate.check(hello, 0, hello.length, sources[7], PreAuthGateTest.EPOCH, 0, reply).kind());
    }

    /** The length of every array the gate holds, directly or in its view and plaintext holders. */
    private static Map<String, Integer> arrayLengths(PreAuthGate gate) throws IllegalAccessException {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (Field f : PreAuthGate.class.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers())) {
                continue;
            }
            f.setAccessible(true);
            Object value = f.get(gate);
            if (value instanceof byte[] b) {
                out.put(f.getName(), b.length);
            } else if (value instanceof dev.culvert.vpn.control.ControlPlaintext p) {
                out.put(f.getName(), p.capacity());
            }
        }
        return out;
    }
}

package dev.culvert.vpn.hook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.culvert.spi.hook.AuthRequest;
import dev.culvert.vpn.keys.PeerInfo;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Jazzer target for what a client's key-method-2 message puts in front of a script: whatever its
 * username, password and peer-info, the via-file file has exactly two lines, and the environment
 * holds only the fixed names and plain IV_/UV_ names, with no control character in any value.
 */
class ScriptEnvironmentFuzzTest {
    private static final Set<String> FIXED = Set.of("dev", "script_type", "username", "common_name", "untrusted_ip", "untrusted_port");
    private static final Pattern PEER_INFO = Pattern.compile("(IV|UV)_[A-Za-z0-9_]+");
    private final ScriptEnvironment environment = new ScriptEnvironment(Map.of("dev", "tun0"));

    @FuzzTest(maxDuration = "30s")
    void userPassVerify(FuzzedDataProvider data) {
        String username = data.consumeString(300);
        byte[] password = data.consumeBytes(300);
        String peerInfo = data.consumeRemainingAsString();
        AuthRequest request = new AuthRequest(1, "cn", username, password, new InetSocketAddress("192.0.2.1", 1194),
                PeerInfo.parse(peerInfo).asMap(), 0);
        byte[] file = ScriptAuthenticator.credentialsFile(request);
        int lines = 0;
        for (byte b : file) {
            lines += b == '\n' ? 1 : 0;
        }
        assertEquals(2, lines, "the file holds two lines");
        for (Map.Entry<String, String> e : environment.userPassVerify(request).entrySet()) {
            assertTrue(FIXED.contains(e.getKey()) || PEER_INFO.matcher(e.getKey()).matches(), e.getKey());
            assertTrue(e.getValue().chars().noneMatch(c -> c < 0x20), e.getKey());
        }
    }
}

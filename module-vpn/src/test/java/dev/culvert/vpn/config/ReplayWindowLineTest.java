package dev.culvert.vpn.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.core.config.Config;
import dev.culvert.spi.config.ConfigException;
import dev.culvert.vpn.control.ControlPlaintext;
import dev.culvert.vpn.control.ControlWrap;
import dev.culvert.vpn.control.StaticKey;
import dev.culvert.vpn.control.TlsCrypt;
import dev.culvert.vpn.control.WrapDrops;
import dev.culvert.vpn.keys.Role;
import dev.culvert.vpn.replay.ReplayWindowSize;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code replay-window n [t]}: its bounds, and the windows it sizes. */
class ReplayWindowLineTest {
    private static final VpnDirectives HANDLER = new VpnDirectives();

    @TempDir
    Path dir;

    private Config config(String lines) throws Exception {
        Files.writeString(dir.resolve("ca.crt"), TestMaterial.caPem());
        Files.writeString(dir.resolve("tc.key"), TestMaterial.staticKeyText(new Random(5)));
        Path file = dir.resolve("client.conf");
        Files.writeString(file, "client\ndev tun\nremote vpn.example\nca ca.crt\ntls-crypt tc.key\n" + lines);
        Config config = Config.load(file);
        List<ConfigException> problems = config.validate(List.of(HANDLER));
        if (!problems.isEmpty()) {
            throw problems.get(0);
        }
        return config;
    }

    @Test
    void theSizeAndTimeAreBoundedAs26BoundsThem() throws Exception {
        assertEquals(new ReplayWindowSize(256, 15), ReplayWindowLine.from(config("replay-window 256\n")));
        assertEquals(new ReplayWindowSize(0, 60), ReplayWindowLine.from(config("replay-window 0 60\n")));
        assertEquals(ReplayWindowSize.DEFAULT, ReplayWindowLine.from(config("")));
        ConfigException big = assertThrows(ConfigException.class, () -> config("replay-window 70000\n"));
        assertTrue(big.getMessage().contains("client.conf:6") && big.getMessage().contains("above 65536"), big.getMessage());
        assertThrows(ConfigException.class, () -> config("replay-window 64 601\n"));
        assertThrows(ConfigException.class, () -> config("replay-window -1\n"));
    }

    @Test
    void aWiderWindowTakesAControlPacketTheDefaultRefusesAsTooOld() throws Exception {
        assertSame(WrapDrops.REPLAY_TOO_OLD, lateArrival(""));
        assertNull(lateArrival("replay-window 256\n"));
    }

    /** The client's wrapping, as the configuration makes it, receives the server's id 200, then its id 100. */
    private Object lateArrival(String line) throws Exception {
        Config client = config(line);
        ControlWrap sender = TlsCrypt.forServer(StaticKey.read(dir.resolve("tc.key")), 1000);
        ControlWrap receiver = SecurityConfig.from(client, Role.CLIENT).wrapFactory().create(1000);
        byte[] plain = new byte[20];
        plain[0] = (byte) (4 << 3);
        byte[][] wire = new byte[200][];
        for (int i = 0; i < 200; i++) {
            wire[i] = new byte[plain.length + sender.overhead()];
            sender.wrap(plain, 0, plain.length, wire[i], 0);
        }
        ControlPlaintext out = new ControlPlaintext();
        assertNull(receiver.unwrap(wire[199], 0, wire[199].length, 0, out));
        return receiver.unwrap(wire[99], 0, wire[99].length, 0, out);
    }
}

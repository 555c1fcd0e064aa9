package dev.culvert.core.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.core.config.Config;
import dev.culvert.core.slot.SlotRegistry;
import dev.culvert.spi.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** daemon, writepid and cd are taken by a node bin/culvert runs; chroot is refused with the reason and what to do instead. */
class ProcessDirectivesTest {
    @TempDir
    Path dir;

    @Test
    void aNodeTakesDaemonWritepidAndCd() throws Exception {
        Files.createDirectories(dir.resolve("run"));
        Path conf = Files.writeString(dir.resolve("node.conf"), "daemon\nwritepid node.pid\ncd run\n");
        assertEquals(List.of(), problems(Config.load(conf)));
    }

    @Test
    void chrootIsRefusedWithTheReasonAndTheSandboxToUseInstead() throws Exception {
        List<String> problems = problems(Config.of("chroot /var/empty\n", "node.conf"));
        assertEquals(1, problems.size(), problems.toString());
        String p = problems.get(0);
        assertTrue(p.startsWith("node.conf:1: 'chroot' cannot be honoured by a JVM"), p);
        assertTrue(p.contains("ProtectSystem=strict") && p.contains("culvert@.service"), p);
    }

    @Test
    void theLauncherIsToldTheProgramNameAndThePidFileResolvedAfterCd() throws Exception {
        Files.createDirectories(dir.resolve("state"));
        Path conf = Files.writeString(dir.resolve("node.conf"), "writepid a.pid\ncd state\ndaemon vpn-east\nwritepid node.pid\n");
        assertEquals(Map.of("daemon", "vpn-east", "writepid", dir.resolve("state/node.pid").toString()),
                ProcessDirectives.launcherOptions(Config.load(conf)));
        assertEquals(Map.of("daemon", "culvert"), ProcessDirectives.launcherOptions(Config.of("daemon\n", "x.conf")));
        assertEquals(Map.of(), ProcessDirectives.launcherOptions(Config.of("verb 3\n", "x.conf")));
    }

    @Test
    void aPidFileInNoDirectoryOrAWrongArgumentCountNamesTheLineAndTheFix() throws Exception {
        Path conf = Files.writeString(dir.resolve("node.conf"), "writepid nowhere/node.pid\ndaemon a b\nwritepid\n");
        List<String> problems = problems(Config.load(conf));
        assertEquals(3, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("node.conf:1: writepid: the directory " + dir.resolve("nowhere") + " does not exist"),
                problems.get(0));
        assertTrue(problems.get(0).contains("RuntimeDirectory="), problems.get(0));
        assertTrue(problems.get(1).contains("node.conf:2") && problems.get(1).contains("daemon [PROGNAME]"), problems.get(1));
        assertTrue(problems.get(2).contains("node.conf:3") && problems.get(2).contains("writepid FILE"), problems.get(2));
    }

    @Test
    void anEmbeddedNodeRefusesDaemonAndWritepidWhichNothingThereActsOnButTakesCd() throws Exception {
        Files.createDirectories(dir.resolve("run"));
        Path conf = Files.writeString(dir.resolve("node.conf"), "daemon\nwritepid node.pid\ncd run\n");
        SlotRegistry registry = new SlotRegistry();
        Culvert.installKernelDefaults(registry);
        List<String> problems = Nodes.check(Config.load(conf), registry).stream().map(ConfigException::getMessage).toList();
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("node.conf:1: 'daemon' acts on the process"), problems.get(0));
        assertTrue(problems.get(1).contains("node.conf:2: 'writepid' acts on the process"), problems.get(1));
        assertTrue(problems.get(1).contains("writes its own pid file"), problems.get(1));
    }

    /** As bin/culvert runs a node: it acts on daemon and writepid. */
    private static List<String> problems(Config config) {
        SlotRegistry registry = new SlotRegistry();
        registry.slot(dev.culvert.core.slot.SlotNames.CONFIG, dev.culvert.spi.config.DirectiveHandler.class)
                .bind(new ProcessDirectives(true), "process", 0);
        Culvert.installKernelDefaults(registry);
        return Nodes.check(config, registry).stream().map(ConfigException::getMessage).toList();
    }
}

package dev.culvert.core.osgi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.core.config.Config;
import dev.culvert.core.embed.ModuleBinder;
import dev.culvert.core.slot.SlotNames;
import dev.culvert.core.slot.SlotRegistry;
import dev.culvert.spi.compress.Compressor;
import dev.culvert.spi.config.ConfigException;
import dev.culvert.spi.node.NodeRole;
import dev.culvert.spi.node.RunningNode;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KernelComponentTest {

    @Test
    void everySpiTypeTheBinderKnowsHasADynamicGreedyReferenceInTheComponentDescription() throws Exception {
        // DS annotations are not kept at run time; bnd writes what they say into OSGI-INF.
        String xml;
        try (InputStream in = KernelComponent.class.getClassLoader()
                .getResourceAsStream("OSGI-INF/dev.culvert.core.osgi.KernelComponent.xml")) {
            assertTrue(in != null, "bnd generated the component description");
            xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        for (ModuleBinder.SpiType<?> spi : ModuleBinder.SPI_TYPES) {
            String simple = spi.type().getSimpleName();
            Matcher ref = Pattern.compile("<reference name=\"" + simple + "\"[^>]*>").matcher(xml);
            assertTrue(ref.find(), "a reference for " + simple + " in " + xml);
            String r = ref.group();
            assertTrue(r.contains("interface=\"" + spi.type().getName() + "\""), r);
            assertTrue(r.contains("cardinality=\"0..n\"") && r.contains("policy=\"dynamic\"") && r.contains("policy-option=\"greedy\""), r);
            assertTrue(r.contains("bind=\"bind" + simple + "\"") && r.contains("unbind=\"unbind" + simple + "\""), r);
        }
    }

    @Test
    void aServiceIsBoundUnderItsNameAndRankingAndUnboundAgain() {
        KernelComponent kernel = new KernelComponent();
        Compressor codec = new dev.culvert.spi.compress.RunLengthTestCodec("rle", dev.culvert.spi.compress.CompressionAlgorithm.LZ4);
        kernel.bindCompressor(codec, Map.of("culvert.name", "rle", "service.ranking", 7));
        var slot = kernel.registry().slot(SlotNames.COMPRESS, Compressor.class);
        assertEquals("rle", slot.activeBinding().orElseThrow().name());
        assertEquals(7, slot.activeBinding().orElseThrow().ranking());
        kernel.unbindCompressor(codec);
        assertTrue(slot.all().isEmpty());
        assertTrue(kernel.status().contains("aead: jce"), "the kernel's own JCE AEAD is always there");
    }

    /** Runs any configuration with {@code verb}; its check refuses {@code verb 9}, as its start would. */
    static final class VerbRole implements NodeRole {
        int starts;

        @Override
        public String name() {
            return "verb-role";
        }

        @Override
        public boolean accepts(Config config) {
            return config.has("verb");
        }

        @Override
        public void check(Config config, SlotRegistry registry) throws ConfigException {
            var verb = config.last("verb").orElseThrow();
            if (verb.args().equals(List.of("9"))) {
                throw new ConfigException(verb, "this role does not run at verb 9", "write verb 3");
            }
        }

        @Override
        public RunningNode start(Config config, SlotRegistry registry) {
            starts++;
            throw new AssertionError("checking starts nothing");
        }
    }

    @Test
    void checkNodeAnswersWithWhatTheRolesOwnCheckRefusesAndStartsNothing(@TempDir Path dir) throws Exception {
        KernelComponent kernel = new KernelComponent();
        VerbRole role = new VerbRole();
        kernel.bindNodeRole(role, Map.of("culvert.name", "verb-role"));
        Path refused = dir.resolve("refused.conf");
        Files.writeString(refused, "verb 9\n");
        Path passed = dir.resolve("passed.conf");
        Files.writeString(passed, "verb 3\n");

        assertEquals(List.of(refused + ":1: this role does not run at verb 9; write verb 3"), kernel.checkNode(refused.toString()));
        assertEquals(List.of(), kernel.checkNode(passed.toString()));
        assertEquals(0, role.starts);
    }
}

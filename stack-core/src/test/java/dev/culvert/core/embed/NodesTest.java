package dev.culvert.core.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.core.config.Config;
import dev.culvert.core.slot.SlotRegistry;
import dev.culvert.spi.config.ConfigException;
import dev.culvert.spi.config.Directive;
import dev.culvert.spi.config.DirectiveHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A node's start hands every module the lines it implements, so no claimed line is accepted and then ignored. */
class NodesTest {
    /** Claims {@code x-rule}; remembers what it was given; refuses a line whose argument is {@code bad} at apply time. */
    static final class RecordingHandler implements DirectiveHandler {
        final List<List<Directive>> applied = new ArrayList<>();

        @Override
        public String module() {
            return "module-x";
        }

        @Override
        public Set<String> directives() {
            return Set.of("x-rule");
        }

        @Override
        public void check(Directive directive) {
        }

        @Override
        public void apply(List<Directive> lines) throws ConfigException {
            for (Directive d : lines) {
                if (d.args().contains("bad")) {
                    throw new ConfigException(d, "bad rule", "write a good one");
                }
            }
            applied.add(lines);
        }
    }

    private static SlotRegistry registryWith(DirectiveHandler handler) {
        SlotRegistry registry = new SlotRegistry();
        Culvert.installKernelDefaults(registry);
        ModuleBinder.bind(registry, handler, null, null);
        return registry;
    }

    @Test
    void startGivesEachHandlerItsOwnLinesInFileOrder() throws Exception {
        RecordingHandler handler = new RecordingHandler();
        Config config = Config.of("x-rule a\nverb 3\nx-rule b\n", "node.conf");

        assertTrue(Nodes.start(config, registryWith(handler)).isEmpty(), "no role runs this configuration");

        assertEquals(1, handler.applied.size());
        List<Directive> lines = handler.applied.get(0);
        assertEquals(List.of("a", "b"), lines.stream().map(d -> d.args().get(0)).toList());
        assertEquals(List.of(1, 3), lines.stream().map(Directive::line).toList());
    }

    @Test
    void aHandlerWithoutLinesIsGivenAnEmptyList() throws Exception {
        RecordingHandler handler = new RecordingHandler();
        Nodes.start(Config.of("verb 3\n", "node.conf"), registryWith(handler));
        assertEquals(List.of(List.of()), handler.applied);
    }

    @Test
    void aLineTheHandlerRefusesWhenApplyingStopsTheStartWithItsFileAndLine() throws Exception {
        RecordingHandler handler = new RecordingHandler();
        ConfigException e = assertThrows(ConfigException.class,
                () -> Nodes.start(Config.of("x-rule a\nx-rule bad\n", "node.conf"), registryWith(handler)));
        assertTrue(e.getMessage().contains("node.conf:2"), e.getMessage());
    }

    @Test
    void theEmbeddedBuilderAppliesTheConfigurationToo() throws Exception {
        RecordingHandler handler = new RecordingHandler();
        var links = dev.culvert.core.link.VirtualLink.pair("nodes-test", 1500, 4);
        try (Stack stack = Culvert.builder().module(handler).config(Config.of("x-rule a\n", "embedded.conf"))
                .relay(links[0], links[1]).build()) {
            assertEquals(1, handler.applied.size());
            assertEquals("a", handler.applied.get(0).get(0).args().get(0));
        }
    }
}

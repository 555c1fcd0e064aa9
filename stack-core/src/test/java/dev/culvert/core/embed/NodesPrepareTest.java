package dev.culvert.core.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.core.config.Config;
import dev.culvert.core.logging.LogSettings;
import dev.culvert.core.logging.Verbosity;
import dev.culvert.spi.config.ArgumentCheck;
import dev.culvert.spi.config.Directive;
import dev.culvert.spi.config.DirectiveClaim;
import dev.culvert.spi.config.DirectiveHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What a node's start makes of no-ops and skipped lines: one log line each, and the rest as usual. */
class NodesPrepareTest {
    /** Accepts {@code fast-io} as a no-op and implements {@code x-rule}, remembering what it applied. */
    static final class Module implements DirectiveHandler {
        final List<Directive> applied = new ArrayList<>();

        @Override
        public String module() {
            return "module-x";
        }

        @Override
        public Set<String> directives() {
            return Set.of("x-rule");
        }

        @Override
        public List<DirectiveClaim> noOps() {
            return List.of(DirectiveClaim.noOp("fast-io", "nothing to tune", ArgumentCheck.none("fast-io")));
        }

        @Override
        public void check(Directive directive) {
        }

        @Override
        public void apply(List<Directive> lines) {
            applied.addAll(lines);
        }
    }

    private final Logger log = Logger.getLogger(Nodes.class.getName());
    private final List<LogRecord> records = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private Level levelBefore;

    @BeforeEach
    void capture() {
        levelBefore = log.getLevel();
        log.setLevel(Level.ALL);
        capture.setLevel(Level.ALL);
        log.addHandler(capture);
    }

    @AfterEach
    void release() {
        log.removeHandler(capture);
        log.setLevel(levelBefore);
        LogSettings.apply(OptionalInt.empty(), 0);
    }

    private List<String> messages(Level level) {
        return records.stream().filter(r -> r.getLevel().equals(level)).map(LogRecord::getMessage).toList();
    }

    @Test
    void eachNoOpIsLoggedOnceWithItsReasonAtVerbFour() throws Exception {
        Module module = new Module();
        Nodes.prepare(Config.of("fast-io\nx-rule a\nfast-io\n", "node.conf"), List.of(new KernelDirectives(), module));
        assertEquals(List.of("node.conf:1: 'fast-io' ignored: nothing to tune"),
                messages(Verbosity.OPTIONS).stream().filter(m -> m.contains("ignored")).toList());
        assertEquals(List.of("x-rule"), module.applied.stream().map(Directive::name).toList(), "a no-op is applied by no one");
    }

    @Test
    void aSkippedLineIsOneWarningAndTheModulesGetTheUnwrappedLines() throws Exception {
        Module module = new Module();
        Config effective = Nodes.prepare(Config.of("ignore-unknown-option y-rule\ny-rule 1\nsetenv opt x-rule b\n", "node.conf"),
                List.of(new KernelDirectives(), module));
        List<String> warnings = messages(Level.WARNING);
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).startsWith("node.conf:2: 'y-rule' skipped (ignore-unknown-option)"), warnings.get(0));
        assertEquals(List.of("node.conf:3 x-rule b"), module.applied.stream().map(Directive::toString).toList());
        assertEquals(List.of("ignore-unknown-option", "x-rule"), effective.directives().stream().map(Directive::name).toList());
    }
}

package dev.culvert.core.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.core.config.Config;
import dev.culvert.core.config.DirectiveCatalog;
import dev.culvert.spi.config.ConfigException;
import dev.culvert.spi.config.Directive;
import dev.culvert.spi.config.DirectiveClaim;
import dev.culvert.spi.config.DirectiveHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@code ignore-unknown-option}, {@code setenv opt} and {@code setenv FORWARD_COMPATIBLE 1} as
 * OpenVPN 2.6 reads them: in file order, skipping with a warning only options the node does not
 * implement, never one it does.
 */
class LenientOptionsTest {
    /** Implements {@code tun-mtu} (a number), refuses {@code fragment}; remembers what it checked. */
    static final class Vpn implements DirectiveHandler {
        final List<String> checked = new ArrayList<>();

        @Override
        public String module() {
            return "module-vpn";
        }

        @Override
        public Set<String> directives() {
            return Set.of("tun-mtu", "push-peer-info");
        }

        @Override
        public List<DirectiveClaim> refused() {
            return List.of(DirectiveClaim.refused("fragment", "'fragment' is not implemented yet", "remove it"));
        }

        @Override
        public void check(Directive d) throws ConfigException {
            checked.add(d.name() + " " + String.join(" ", d.args()));
            if (d.name().equals("tun-mtu")) {
                KernelDirectives.number(d, "tun-mtu N", 576, 65535);
            }
        }
    }

    private final Vpn vpn = new Vpn();
    private final DirectiveCatalog catalog = DirectiveCatalog.of(List.of(new KernelDirectives(), vpn), List.of());

    private Config.Resolved resolve(String text) throws ConfigException {
        return Config.of(text, "node.conf").resolve(catalog);
    }

    private List<ConfigException> problems(String text) throws ConfigException {
        return Config.of(text, "node.conf").validate(catalog);
    }

    private static List<String> names(Config config) {
        return config.directives().stream().map(Directive::name).toList();
    }

    @Test
    void aListedOptionNoModuleImplementsIsSkippedWithOneWarningNamingFileAndLine() throws Exception {
        String text = "ignore-unknown-option block-outside-dns fragment\nblock-outside-dns\nfragment 1300\ntun-mtu 1400\n";
        Config.Resolved resolved = resolve(text);
        assertEquals(List.of("ignore-unknown-option", "tun-mtu"), names(resolved.config()));
        assertEquals(2, resolved.warnings().size(), resolved.warnings().toString());
        assertTrue(resolved.warnings().get(0).startsWith("node.conf:2: 'block-outside-dns' skipped (ignore-unknown-option): "),
                resolved.warnings().get(0));
        assertTrue(resolved.warnings().get(1).startsWith("node.conf:3: 'fragment' skipped (ignore-unknown-option): "
                + "'fragment' is not implemented yet"), resolved.warnings().get(1));
        assertEquals(List.of(), problems(text));
    }

    @Test
    void aListedOptionAModuleImplementsIsStillReadAndChecked() throws Exception {
        Config.Resolved resolved = resolve("ignore-unknown-option tun-mtu\ntun-mtu 1400\n");
        assertEquals(List.of("ignore-unknown-option", "tun-mtu"), names(resolved.config()));
        assertEquals(List.of(), resolved.warnings());
        List<ConfigException> found = problems("ignore-unknown-option tun-mtu\ntun-mtu 99\n");
        assertEquals(1, found.size());
        assertEquals("node.conf:2", found.get(0).where());
    }

    @Test
    void aListingAfterTheLineDoesNotApplyAsIn26() throws Exception {
        List<ConfigException> found = problems("block-outside-dns\nignore-unknown-option block-outside-dns\nblock-outside-dns\n");
        assertEquals(1, found.size(), found.toString());
        assertEquals("node.conf:1", found.get(0).where());
    }

    @Test
    void listingsAddUpAndTakeTheDoubleDashSpelling() throws Exception {
        assertEquals(List.of(), problems("ignore-unknown-option a-word\nignore-unknown-option --fragment\nfragment 1300\na-word 1\n"));
    }

    @Test
    void setenvOptReadsItsOptionAsIfWrittenAloneAtTheSameLine() throws Exception {
        Config.Resolved resolved = resolve("verb 3\nsetenv opt tun-mtu 1400\n");
        Directive line = resolved.config().directives().get(1);
        assertEquals("tun-mtu", line.name());
        assertEquals(List.of("1400"), line.args());
        assertEquals("node.conf:2", line.where());
        assertEquals(List.of(), resolved.warnings());
        assertEquals(List.of(), problems("setenv opt tun-mtu 1400\n"));
        assertTrue(vpn.checked.contains("tun-mtu 1400"), vpn.checked.toString());
        assertEquals("node.conf:1", problems("setenv opt tun-mtu huge\n").get(0).where());
    }

    @Test
    void setenvOptOfAnOptionNoModuleImplementsIsSkippedWithAWarning() throws Exception {
        Config.Resolved resolved = resolve("setenv opt block-outside-dns\nsetenv opt fragment 1300\n");
        assertEquals(List.of(), names(resolved.config()));
        assertEquals(2, resolved.warnings().size());
        assertTrue(resolved.warnings().get(0).startsWith("node.conf:1: 'block-outside-dns' skipped (setenv opt)"),
                resolved.warnings().get(0));
        ConfigException bare = problems("setenv opt\n").get(0);
        assertTrue(bare.problem().contains("names no option"), bare.problem());
    }

    @Test
    void forwardCompatibleSkipsEveryLaterOptionNoModuleImplementsButNotEarlierOnes() throws Exception {
        String text = "fragment 1300\nsetenv FORWARD_COMPATIBLE 1\nfragment 1300\nblock-outside-dns\ntun-mtu 1400\n";
        List<ConfigException> found = problems(text);
        assertEquals(List.of("node.conf:1"), found.stream().map(ConfigException::where).toList());
        Config.Resolved resolved = resolve(text);
        assertEquals(List.of("fragment", "setenv", "tun-mtu"), names(resolved.config()));
        assertTrue(resolved.warnings().get(0).contains("(setenv FORWARD_COMPATIBLE 1)"), resolved.warnings().get(0));
    }

    @Test
    void aPlainSetenvIsKeptForTheScriptsAndAGenericConfigurationIsRefused() throws Exception {
        Config.Resolved resolved = resolve("setenv CLIENT_NAME alice\nsetenv-safe SITE berlin\n");
        assertEquals(List.of("setenv", "setenv-safe"), names(resolved.config()));
        assertEquals(List.of(), problems("setenv CLIENT_NAME alice\nsetenv-safe SITE berlin\nsetenv EMPTY\n"));
        ConfigException generic = problems("setenv GENERIC_CONFIG 1\n").get(0);
        assertTrue(generic.problem().contains("generic configuration"), generic.problem());
        assertEquals("node.conf:1", problems("setenv A B C\n").get(0).where());
    }

    @Test
    void setenvSpellingsOfOptionsAreReadAsThoseOptions() throws Exception {
        Config.Resolved resolved = resolve("setenv PUSH_PEER_INFO\nsetenv PUSH_PEER_INFO 1\n");
        assertEquals(List.of("push-peer-info", "setenv"), names(resolved.config()));
        assertEquals(List.of(), problems("setenv PUSH_PEER_INFO\n"));
        assertTrue(vpn.checked.contains("push-peer-info "), vpn.checked.toString());
    }

    @Test
    void resolvingTwiceChangesNothing() throws Exception {
        Config once = resolve("ignore-unknown-option fragment\nfragment 1\nsetenv opt tun-mtu 1400\n").config();
        Config twice = once.resolve(catalog).config();
        assertEquals(once.directives(), twice.directives());
    }
}

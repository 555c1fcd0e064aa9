package dev.culvert.vpn.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DescriptorBudgetTest {
    @Test
    void aUdpServerWithConscryptNeedsTwoPerSessionAndATcpServerOneMore() {
        assertEquals(256 + 20_000, DescriptorBudget.needed(10_000, false, 2));
        assertEquals(256 + 30_000, DescriptorBudget.needed(10_000, true, 2));
        assertEquals(256, DescriptorBudget.needed(10_000, false, 0), "UDP clients of a bc server share the listener's socket");
    }

    @Test
    void aLimitBelowWhatMaxClientsNeedsIsSaidWithTheFix() {
        Optional<String> warning = DescriptorBudget.warning(10_000, false, "conscrypt", 2, OptionalLong.of(20_000));
        assertEquals("max-clients 10000 can need about 20256 file descriptors (2 per TLS session with the conscrypt TLS module,"
                + " 256 for the node) but this process may open 20000: past that, new clients cannot connect. Raise the limit"
                + " (LimitNOFILE= in the systemd unit, ulimit -n before starting) or lower max-clients", warning.orElseThrow());
        assertTrue(DescriptorBudget.warning(1_000, true, "bc", 0, OptionalLong.of(1_024)).orElseThrow()
                .contains("(1 per TCP client, 256 for the node)"));
    }

    @Test
    void enoughOrAnUnknownLimitSaysNothing() {
        assertTrue(DescriptorBudget.warning(10_000, false, "conscrypt", 2, OptionalLong.of(524_288)).isEmpty());
        assertTrue(DescriptorBudget.warning(10_000, true, "conscrypt", 2, OptionalLong.empty()).isEmpty());
    }

    @Test
    void theSoftLimitIsReadFromProcLimits(@TempDir Path dir) throws Exception {
        Path limits = dir.resolve("limits");
        Files.writeString(limits, """
                Limit                     Soft Limit           Hard Limit           Units
                Max processes             63704                63704                processes
                Max open files            1024                 524288               files
                Max locked memory         8388608              8388608              bytes
                """);
        assertEquals(OptionalLong.of(1024), DescriptorBudget.openFileLimit(limits));
        Files.writeString(limits, "Max open files            unlimited            unlimited            files\n");
        assertEquals(OptionalLong.empty(), DescriptorBudget.openFileLimit(limits));
        assertEquals(OptionalLong.empty(), DescriptorBudget.openFileLimit(dir.resolve("absent")));
    }
}

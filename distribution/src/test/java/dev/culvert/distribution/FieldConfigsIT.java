package dev.culvert.distribution;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.launcher.FelixHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Configuration files from the field (OpenVPN's samples, installer scripts, appliances, VPN
 * providers: {@code field-configs/SOURCES.md}) run through what {@code culvert --check FILE} runs
 * (the kernel's {@code checkNode}), all in one started distribution. The accepted count may only
 * grow: {@link #FLOOR} is what it was when the corpus landed, raised as directives get their fates.
 */
class FieldConfigsIT {
    /** Files of the corpus that --check accepts, at least. */
    static final int FLOOR = 50;
    static final Path CORPUS = Path.of("src/test/resources/field-configs");
    private static final Pattern PROBLEM = Pattern.compile("^.*?:(\\d+): (.*)$", Pattern.DOTALL);

    static FelixHost host;
    static Object kernel;

    @BeforeAll
    static void boot() throws Exception {
        InteropSupport.requireOpenvpn();
        Path dist = Path.of(System.getProperty("culvert.dist", "target/culvert"));
        host = FelixHost.start(dist, false);
        kernel = host.service("dev.culvert.core.embed.Kernel", 30_000);
    }

    @AfterAll
    static void shutdown() throws Exception {
        if (host != null) {
            host.close();
        }
    }

    @Test
    void atLeastTheFloorOfFieldConfigurationsPassCheck(@TempDir Path dir) throws Exception {
        FieldConfigs configs = new FieldConfigs(testPki(dir));
        List<Path> corpus = FieldConfigs.corpus(CORPUS);
        assertTrue(corpus.size() >= 40, "the corpus holds at least 40 files: " + corpus.size());
        Map<String, String> refused = new TreeMap<>();
        for (Path original : corpus) {
            Path prepared = configs.prepare(original);
            @SuppressWarnings("unchecked")
            List<String> problems = (List<String>) FelixHost.call(kernel, "checkNode", prepared.toString());
            if (!problems.isEmpty()) {
                refused.put(original.getFileName().toString(), firstRefusal(prepared, problems.get(0)));
            }
        }
        int accepted = corpus.size() - refused.size();
        System.out.println(table(accepted, corpus.size(), refused));
        assertTrue(accepted >= FLOOR, accepted + " of " + corpus.size() + " field configurations pass --check, fewer than the floor "
                + FLOOR + ":\n" + table(accepted, corpus.size(), refused));
        Object commands = host.service("dev.culvert.core.osgi.ShellCommands", 30_000);
        assertTrue("no node is running\n".equals(FelixHost.call(commands, "sessions")), "checking started no node");
    }

    /** The test PKI every file is pointed at, as an operator's easy-rsa and openvpn --genkey would leave it. */
    private static Path testPki(Path dir) throws Exception {
        InteropPki pki = InteropPki.create(dir);
        pki.writeCrl(dir.resolve("crl.pem"));
        pki.writeTlsCryptV2Keys();
        pki.writePkcs12("server");
        pki.writePkcs12("client");
        Files.copy(CORPUS.resolveSibling("field-configs-ffdhe2048.pem"), dir.resolve("dh.pem"));
        Files.writeString(dir.resolve("auth.txt"), "alice\nfield-test-password\n");
        Files.createDirectories(dir.resolve("ccd"));
        return dir;
    }

    /** {@code directive: reason} of the first problem, the directive read from the line it names. */
    private static String firstRefusal(Path prepared, String problem) throws Exception {
        Matcher m = PROBLEM.matcher(problem.substring(problem.indexOf(prepared.getFileName().toString())));
        if (!m.matches()) {
            return "-: " + oneLine(problem);
        }
        List<String> lines = Files.readAllLines(prepared);
        int line = Integer.parseInt(m.group(1));
        String directive = line >= 1 && line <= lines.size() ? lines.get(line - 1).trim().split("\\s+")[0] : "-";
        String reason = m.group(2);
        // The reason without its fix, which the table has no room for.
        return directive + ": " + oneLine(reason.contains("; ") ? reason.substring(0, reason.indexOf("; ")) : reason);
    }

    private static String oneLine(String text) {
        String flat = text.replaceAll("\\s+", " ").trim();
        return flat.length() > 120 ? flat.substring(0, 117) + "..." : flat;
    }

    private static String table(int accepted, int total, Map<String, String> refused) {
        List<String> rows = new ArrayList<>();
        rows.add(accepted + " of " + total + " public configurations pass --check; refused, with the first refusal:");
        refused.forEach((file, why) -> rows.add(String.format("  %-44s %s", file, why)));
        return String.join("\n", rows);
    }
}

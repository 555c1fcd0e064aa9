package dev.culvert.distribution;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The public configuration files of {@code src/test/resources/field-configs} made ready to check
 * as an operator would check them on their own machine: every key, certificate, CRL, DH file and
 * credential they name (by path or inline) is the test PKI's, and the client-config-dir the
 * installer made is an empty one beside them; each file is written into the PKI's directory, so
 * that the paths it names relative to itself (ipp.txt, ccd) are there.
 */
final class FieldConfigs {
    /** Which PKI file each file-naming directive gets; the side decides between server and client. */
    private record Side(String cert, String key, String cryptV2, String pkcs12) {
    }

    private static final Side SERVER = new Side("server.crt", "server.key", "v2server.key", "server.p12");
    private static final Side CLIENT = new Side("client.crt", "client.key", "v2client.key", "client.p12");
    /** The PKI file (or directory) of each directive that names one, whichever side reads it. */
    private static final Map<String, String> SHARED = Map.ofEntries(Map.entry("ca", "ca.crt"), Map.entry("extra-certs", "ca.crt"),
            Map.entry("dh", "dh.pem"), Map.entry("tls-auth", "ta.key"), Map.entry("secret", "ta.key"), Map.entry("tls-crypt", "tc.key"),
            Map.entry("crl-verify", "crl.pem"), Map.entry("auth-user-pass", "auth.txt"), Map.entry("askpass", "auth.txt"),
            Map.entry("capath", "."), Map.entry("client-config-dir", "ccd"));
    private static final Pattern BLOCK = Pattern.compile("(?m)^\\s*<([a-z0-9-]+)>\\n.*?\\n\\s*</\\1>$", Pattern.DOTALL);
    private static final Pattern CLIENT_SIDE = Pattern.compile("(?m)^\\s*(client|tls-client|pull)\\s*$");

    private final Path pki;

    FieldConfigs(Path pki) {
        this.pki = pki;
    }

    /** The corpus's files, by name. */
    static List<Path> corpus(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().matches(".*\\.(conf|ovpn)")).sorted().toList();
        }
    }

    /** Writes the file, pointed at the test PKI, into the PKI's directory and returns where. */
    Path prepare(Path original) throws IOException {
        String text = Files.readString(original);
        Side side = CLIENT_SIDE.matcher(text).find() ? CLIENT : SERVER;
        text = inlineBlocks(text, side);
        List<String> lines = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            lines.add(pointAtPki(line, side));
        }
        Path prepared = pki.resolve(original.getFileName());
        Files.writeString(prepared, String.join("\n", lines));
        return prepared;
    }

    private String inlineBlocks(String text, Side side) throws IOException {
        Matcher m = BLOCK.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String tag = m.group(1);
            String file = fileFor(tag, side);
            String body = file == null ? null : Files.readString(pki.resolve(file));
            m.appendReplacement(out, Matcher.quoteReplacement(body == null ? m.group() : "<" + tag + ">\n" + body.strip() + "\n</" + tag + ">"));
        }
        m.appendTail(out);
        return out.toString();
    }

    private String pointAtPki(String line, Side side) {
        String[] words = line.trim().split("\\s+");
        if (words.length < 2 || words[0].startsWith("#") || words[0].startsWith(";")) {
            return line;
        }
        String file = fileFor(words[0], side);
        if (file == null || (words[0].equals("dh") && words[1].equals("none"))) {
            return line;
        }
        words[1] = pki.resolve(file).toString();
        return String.join(" ", words);
    }

    /** The PKI file a directive naming a file gets, or null for one that names none of these. */
    private static String fileFor(String directive, Side side) {
        return switch (directive) {
            case "cert" -> side.cert();
            case "key" -> side.key();
            case "tls-crypt-v2" -> side.cryptV2();
            case "pkcs12" -> side.pkcs12();
            default -> SHARED.get(directive);
        };
    }
}

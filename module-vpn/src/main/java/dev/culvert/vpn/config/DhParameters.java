package dev.culvert.vpn.config;

import dev.culvert.spi.config.ConfigException;
import dev.culvert.spi.config.Directive;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Base64;

/**
 * {@code dh FILE|none}: checks that a named file is a PEM {@code DH PARAMETERS} block, so a typo
 * or a wrong file is caught as 2.6 would catch it, then drops it. The parameters themselves are
 * never used: Culvert's TLS offers ECDHE and TLS 1.3 key exchange only, and 2.6 ignores
 * {@code dh} on TLS 1.3 too.
 */
final class DhParameters {
    /** A 8192-bit group in PEM is under 2 KiB; anything far larger is the wrong file. */
    static final int MAX_BYTES = 64 * 1024;
    private static final String[] LABELS = {"DH PARAMETERS", "X9.42 DH PARAMETERS"};

    private DhParameters() {
    }

    static void check(Directive d) throws ConfigException {
        String text;
        String file = d.args().get(0);
        if (d.inline()) {
            text = file;
        } else if (file.equals("none")) {
            return;
        } else {
            Path path = SecurityConfig.resolve(d, file);
            try {
                if (Files.size(path) > MAX_BYTES) {
                    throw new ConfigException(d, "dh file " + path + " is larger than " + MAX_BYTES + " bytes", "name the DH parameters file, or write 'dh none'");
                }
                text = new String(Files.readAllBytes(path), StandardCharsets.US_ASCII);
            } catch (NoSuchFileException e) {
                throw new ConfigException(d, "dh file " + path + " does not exist", "check the path, or write 'dh none' (Culvert uses ECDHE only)");
            } catch (IOException e) {
                throw new ConfigException(d, "cannot read dh file " + path + ": " + e.getMessage(), "check its permissions, or write 'dh none'");
            }
        }
        for (String label : LABELS) {
            if (validBlock(text, label)) {
                return;
            }
        }
        throw new ConfigException(d, "'dh' does not hold a PEM DH PARAMETERS block", "name the file from 'openssl dhparam', or write 'dh none' (Culvert uses ECDHE only)");
    }

    private static boolean validBlock(String text, String label) {
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        int from = text.indexOf(begin);
        int to = from < 0 ? -1 : text.indexOf(end, from);
        if (to < 0) {
            return false;
        }
        String body = text.substring(from + begin.length(), to).replaceAll("\\s+", "");
        try {
            byte[] der = Base64.getDecoder().decode(body);
            return der.length > 8 && der[0] == 0x30;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}

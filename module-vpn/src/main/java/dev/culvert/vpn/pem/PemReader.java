package dev.culvert.vpn.pem;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * Splits PEM text (RFC 7468, with OpenSSL's RFC 1421 headers) into decoded blocks. Text outside
 * blocks is ignored, as OpenSSL ignores it ({@code openssl x509 -text} output puts a dump before
 * the block). Each block's base64 is checked strictly: a damaged or cut-short block is an error,
 * not silently skipped bytes.
 */
final class PemReader {
    /** Longer texts are refused: the largest public CA bundles are about 250 KB. */
    static final int MAX_TEXT_CHARS = 1 << 20;

    private static final String BEGIN = "-----BEGIN ";
    private static final String END = "-----END ";
    private static final String DASHES = "-----";

    private PemReader() {
    }

    /**
     * Every block of {@code text}, in order. On failure nothing decoded is left behind: blocks
     * already decoded are wiped before the exception leaves.
     */
    static List<PemBlock> read(String text, String source) throws PemException {
        if (text.length() > MAX_TEXT_CHARS) {
            throw new PemException(source, "PEM text of " + text.length() + " characters is longer than the "
                    + MAX_TEXT_CHARS + " this reader accepts", "check that the right file is named (a certificate or key is a few KB)");
        }
        List<PemBlock> blocks = new ArrayList<>();
        try {
            readInto(text, source, blocks);
            return blocks;
        } catch (PemException | RuntimeException e) {
            wipe(blocks);
            throw e;
        }
    }

    static void wipe(List<PemBlock> blocks) {
        for (PemBlock block : blocks) {
            block.wipe();
        }
    }

    private static void readInto(String text, String source, List<PemBlock> blocks) throws PemException {
        String type = null;
        int beginLine = 0;
        boolean encrypted = false;
        boolean inHeaders = false;
        StringBuilder base64 = new StringBuilder();
        int lineNumber = 0;
        int pos = 0;
        try {
            while (pos <= text.length()) {
                int eol = text.indexOf('\n', pos);
                if (eol < 0) {
                    eol = text.length();
                }
                String line = text.substring(pos, eol).strip();
                pos = eol + 1;
                lineNumber++;
                if (type == null) {
                    if (line.startsWith(BEGIN)) {
                        type = label(line, BEGIN, source, lineNumber);
                        beginLine = lineNumber;
                        encrypted = false;
                        inHeaders = true;
                    }
                    continue;
                }
                if (line.startsWith(END)) {
                    String endType = label(line, END, source, lineNumber);
                    if (!endType.equals(type)) {
                        throw new PemException(source, "the " + type + " block on line " + beginLine + " ends with END " + endType
                                + " on line " + lineNumber, "the file is damaged or two files were pasted together: copy it again");
                    }
                    blocks.add(new PemBlock(type, beginLine, encrypted, decode(base64, type, beginLine, source)));
                    type = null;
                    continue;
                }
                if (line.startsWith(BEGIN)) {
                    throw new PemException(source, "the " + type + " block on line " + beginLine + " has no END line before line "
                            + lineNumber, "the file is damaged or cut short: copy it again");
                }
                if (inHeaders && line.indexOf(':') > 0) {
                    // RFC 1421 header, e.g. "Proc-Type: 4,ENCRYPTED" or "DEK-Info: AES-256-CBC,…".
                    if (line.regionMatches(true, 0, "Proc-Type:", 0, 10) && line.toUpperCase().contains("ENCRYPTED")) {
                        encrypted = true;
                    }
                    continue;
                }
                inHeaders = inHeaders && line.isEmpty();
                base64.append(line);
            }
            if (type != null) {
                throw new PemException(source, "the " + type + " block on line " + beginLine + " has no END line",
                        "the file is cut short: copy it again");
            }
        } finally {
            overwrite(base64);
        }
    }

    private static String label(String line, String marker, String source, int lineNumber) throws PemException {
        if (!line.endsWith(DASHES) || line.length() < marker.length() + DASHES.length()) {
            throw new PemException(source, "line " + lineNumber + " is not a well-formed PEM " + marker.trim() + " line",
                    "it must read like -----BEGIN CERTIFICATE-----; copy the file again");
        }
        return line.substring(marker.length(), line.length() - DASHES.length());
    }

    private static byte[] decode(StringBuilder base64, String type, int beginLine, String source) throws PemException {
        byte[] ascii = new byte[base64.length()];
        try {
            for (int i = 0; i < ascii.length; i++) {
                char c = base64.charAt(i);
                // The JDK decoder would reject these too; checking here keeps its message (which
                // quotes the character, possibly key material) out of ours.
                if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/' || c == '=')) {
                    throw damaged(type, beginLine, source);
                }
                ascii[i] = (byte) c;
            }
            if (ascii.length == 0) {
                throw new PemException(source, "the " + type + " block on line " + beginLine + " is empty", "copy the file again");
            }
            return Base64.getDecoder().decode(ascii);
        } catch (IllegalArgumentException e) {
            // The JDK's message is left out on purpose: it may quote the offending input.
            throw damaged(type, beginLine, source);
        } finally {
            Arrays.fill(ascii, (byte) 0);
            overwrite(base64);
            base64.setLength(0);
        }
    }

    private static PemException damaged(String type, int beginLine, String source) {
        return new PemException(source, "the " + type + " block on line " + beginLine + " is not valid base64 (damaged or cut short)",
                "copy the file again; a PEM block holds only A-Z, a-z, 0-9, +, / and = between its BEGIN and END lines");
    }

    private static void overwrite(StringBuilder text) {
        for (int i = 0; i < text.length(); i++) {
            text.setCharAt(i, ' ');
        }
    }
}

package dev.culvert.vpn.pem;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

/** Reads a PEM file's text, refusing one larger than {@link PemReader#MAX_TEXT_CHARS} before reading it all. */
final class PemText {
    private PemText() {
    }

    static String readFile(Path file) throws PemException {
        String source = file.toString();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(PemReader.MAX_TEXT_CHARS + 1);
            if (bytes.length > PemReader.MAX_TEXT_CHARS) {
                throw new PemException(source, "is larger than the " + PemReader.MAX_TEXT_CHARS + " bytes a PEM file may have",
                        "check that the right file is named (a certificate or key is a few KB)");
            }
            // PEM is ASCII; ISO-8859-1 maps every byte to one char, so nothing is lost or rejected here.
            String text = new String(bytes, StandardCharsets.ISO_8859_1);
            Arrays.fill(bytes, (byte) 0);
            return text;
        } catch (NoSuchFileException e) {
            throw new PemException(source, "does not exist", "check the path");
        } catch (IOException e) {
            throw new PemException(source, "cannot be read: " + e, "check that the file exists and the service may read it", e);
        }
    }
}

package dev.culvert.vpn.peercert;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.cert.CRL;
import java.security.cert.CRLException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The CRLs of {@code crl-verify FILE} (PEM, one or more, or DER), read again whenever the file's
 * modification time or size changed since the last read, as 2.6 does before each key
 * negotiation: a CRL replaced on disk applies from the next handshake on, without a restart.
 *
 * <p>Fail-closed: a file that no longer parses is a {@link Snapshot} with a problem, and every
 * peer is refused until it is fixed (2.6 empties its CRL store and then refuses "CRL not loaded").
 * A file that cannot be read at all (gone, no permission) keeps the last CRLs read, with the
 * problem noted, as 2.6 keeps its store when {@code stat} fails. Thread-safe.
 */
public final class CrlFile {
    /** What the file held at its last read: its CRLs, or why it has none usable. */
    public record Snapshot(List<X509CRL> crls, String problem) {
        public Snapshot {
            crls = List.copyOf(crls);
        }
    }

    private final Path file;
    private FileTime modified;
    private long size = -1;
    private Snapshot snapshot;

    /** Reads {@code file} now; {@link #current()} says whether it could be used. */
    public CrlFile(Path file) {
        this.file = file;
        this.snapshot = new Snapshot(List.of(), "not read yet");
        current();
    }

    public Path file() {
        return file;
    }

    /** The CRLs as the file holds them now, read again if it changed. */
    public synchronized Snapshot current() {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException e) {
            if (size < 0) {
                snapshot = new Snapshot(List.of(), "cannot be read (" + e + ")");
            }
            return snapshot;
        }
        if (attributes.lastModifiedTime().equals(modified) && attributes.size() == size) {
            return snapshot;
        }
        modified = attributes.lastModifiedTime();
        size = attributes.size();
        snapshot = read(file);
        return snapshot;
    }

    private static Snapshot read(Path file) {
        List<X509CRL> crls = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            Collection<? extends CRL> all = CertificateFactory.getInstance("X.509").generateCRLs(in);
            for (CRL crl : all) {
                if (crl instanceof X509CRL x509) {
                    crls.add(x509);
                }
            }
        } catch (IOException | CRLException | CertificateException | RuntimeException e) {
            return new Snapshot(List.of(), "does not parse as a CRL (" + e.getMessage() + ")");
        }
        if (crls.isEmpty()) {
            return new Snapshot(List.of(), "holds no CRL");
        }
        return new Snapshot(crls, null);
    }
}

package dev.culvert.ssl.bc;

import dev.culvert.core.tlscheck.EngineRecord;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import org.bouncycastle.tls.crypto.CryptoHashAlgorithm;

/**
 * The record of one bc engine: the trust manager's refusal ({@link EngineRecord}) and the TLS 1.3
 * exporter_master_secret of its handshake, kept for {@link BcTlsProvider#exportKeyingMaterial}.
 *
 * <p>Why this exists: bctls 1.84 wipes every handshake secret as soon as the handshake completes,
 * so its own exporter works only inside the low-level {@code notifyHandshakeComplete()} callback,
 * which BCJSSE gives SSLEngine users no way into ({@code BCExtendedSSLSession.exportKeyingMaterialData}
 * is declared but throws {@link UnsupportedOperationException}). {@link CapturingTlsSecret} copies
 * the exporter_master_secret here when BouncyCastle derives it, and {@link Tls13Exporter} does the
 * rest of RFC 8446 §7.5. The copy is wiped when the engine's outbound side is closed, which is how
 * a session retires its TLS; OpenVPN needs the exporter exactly once per TLS session, right after
 * the handshake.
 */
final class ExporterSecretHolder extends EngineRecord {
    private static final byte[] EXPORTER_MASTER_LABEL = "tls13 exp master".getBytes(StandardCharsets.US_ASCII);

    private byte[] secret;
    private String hash;
    private boolean wiped;

    /** Whether an HKDF {@code info} (an HkdfLabel) derives the exporter_master_secret. */
    static boolean derivesExporterMasterSecret(byte[] info) {
        int labelLength = info.length > 2 ? info[2] & 0xFF : -1;
        return labelLength == EXPORTER_MASTER_LABEL.length && info.length >= 3 + labelLength
                && Arrays.equals(info, 3, 3 + labelLength, EXPORTER_MASTER_LABEL, 0, labelLength);
    }

    /** Keeps (a copy of) the secret; a later handshake's replaces and wipes an earlier one's. */
    synchronized void keep(byte[] exporterMasterSecret, int cryptoHashAlgorithm) {
        if (wiped) {
            return;
        }
        String name = switch (cryptoHashAlgorithm) {
            case CryptoHashAlgorithm.sha256 -> "SHA-256";
            case CryptoHashAlgorithm.sha384 -> "SHA-384";
            default -> null; // SM3 suites: not offered to OpenVPN peers; export then fails clearly
        };
        if (secret != null) {
            Arrays.fill(secret, (byte) 0);
        }
        secret = name == null ? null : exporterMasterSecret.clone();
        hash = name;
    }

    /** Wipes the secret: the TLS session is over, and no key may be derived from it any more. */
    synchronized void wipe() {
        if (secret != null) {
            Arrays.fill(secret, (byte) 0);
            secret = null;
        }
        wiped = true;
    }

    /** Whether {@link #wipe} ended this holder. */
    synchronized boolean wiped() {
        return wiped;
    }

    synchronized boolean has() {
        return secret != null;
    }

    synchronized byte[] export(String label, byte[] context, int length) throws GeneralSecurityException {
        if (secret == null) {
            throw new IllegalStateException("no TLS 1.3 exporter secret was captured");
        }
        return Tls13Exporter.export(secret, hash, label, context, length);
    }

    @Override
    public String toString() {
        return "ExporterSecretHolder[" + (secret == null ? "empty" : hash) + "]";
    }
}

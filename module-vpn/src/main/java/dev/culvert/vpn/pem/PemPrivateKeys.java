package dev.culvert.vpn.pem;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the unencrypted private key of a {@code key} file or {@code <key>} block:
 * {@code PRIVATE KEY} (PKCS#8: RSA, RSASSA-PSS, EC, Ed25519, Ed448), {@code RSA PRIVATE KEY}
 * (PKCS#1) and {@code EC PRIVATE KEY} (SEC1, named curves, with or without a leading
 * {@code EC PARAMETERS} block). Other blocks in the text, such as the certificate of a combined
 * file, are ignored, as OpenSSL ignores them; two keys are refused rather than one guessed.
 *
 * <p>Encrypted keys are refused: Culvert does not ask for key passphrases yet.
 *
 * <p>Every decoded byte is wiped before this returns. The JDK's {@link PKCS8EncodedKeySpec} and
 * the key object keep their own copies, beyond this class's reach; drop the key when its
 * configuration goes.
 */
public final class PemPrivateKeys {
    private static final String DECRYPT_FIX = "Culvert does not ask for key passphrases yet; decrypt the key once with "
            + "'openssl pkey -in key.pem -out key-plain.pem', keep key-plain.pem readable only by the service, and name it in the configuration";

    private PemPrivateKeys() {
    }

    /**
     * The one private key in {@code text}.
     *
     * @param source where the text came from, for messages: a file path, or {@code file:line} of an inline block
     */
    public static PrivateKey read(String text, String source) throws PemException {
        List<PemBlock> blocks = PemReader.read(text, source);
        byte[] pkcs8 = null;
        try {
            PemBlock key = theKeyBlock(blocks, source);
            if (key.encrypted() || key.type().equals("ENCRYPTED PRIVATE KEY")) {
                throw new PemException(source, describe(key) + " is encrypted with a passphrase", DECRYPT_FIX);
            }
            pkcs8 = switch (key.type()) {
                case "PRIVATE KEY" -> key.der().clone();
                case "RSA PRIVATE KEY" -> PrivateKeyInfoEncoder.wrap(KeyAlgorithms.RSA, KeyAlgorithms.DER_NULL, key.der());
                case "EC PRIVATE KEY" -> PrivateKeyInfoEncoder.wrap(KeyAlgorithms.EC, curveOf(key, blocks, source), key.der());
                default -> throw new IllegalStateException(key.type());
            };
            return generate(pkcs8, key, source);
        } finally {
            PemReader.wipe(blocks);
            if (pkcs8 != null) {
                Arrays.fill(pkcs8, (byte) 0);
            }
        }
    }

    /** {@link #read(String, String)} on a file's content; the path is the source in messages. */
    public static PrivateKey readFile(Path file) throws PemException {
        return read(PemText.readFile(file), file.toString());
    }

    private static PemBlock theKeyBlock(List<PemBlock> blocks, String source) throws PemException {
        PemBlock found = null;
        List<String> others = new ArrayList<>();
        for (PemBlock block : blocks) {
            switch (block.type()) {
                case "PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY", "ENCRYPTED PRIVATE KEY" -> {
                    if (found != null) {
                        throw new PemException(source, "holds two private keys, " + found.describe() + " and " + block.describe(),
                                "keep only the key that belongs to the certificate");
                    }
                    found = block;
                }
                case "OPENSSH PRIVATE KEY" -> throw new PemException(source, block.describe() + " is an OpenSSH key, not a TLS key",
                        "name the key that was issued with the certificate (OpenVPN keys are PEM, often *.key)");
                case "DSA PRIVATE KEY" -> throw new PemException(source, block.describe() + " is a DSA key, which TLS 1.2 and 1.3 peers refuse",
                        "issue an RSA or EC key and certificate");
                default -> others.add(block.type());
            }
        }
        if (found == null) {
            throw new PemException(source, "holds no private key" + (others.isEmpty() ? "" : " (found " + String.join(", ", others) + ")"),
                    "name the key file (BEGIN PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY), not the certificate or CA");
        }
        return found;
    }

    /** The named curve of a SEC1 key: its own {@code parameters} field, else a preceding EC PARAMETERS block. */
    private static byte[] curveOf(PemBlock key, List<PemBlock> blocks, String source) throws PemException {
        byte[] curve = null;
        try {
            DerReader ecPrivateKey = new DerReader(key.der()).enter(DerReader.SEQUENCE);
            ecPrivateKey.enter(DerReader.INTEGER);
            ecPrivateKey.enter(DerReader.OCTET_STRING);
            if (ecPrivateKey.hasMore() && ecPrivateKey.peekTag() == DerReader.CONTEXT_0) {
                curve = namedCurve(ecPrivateKey.enter(DerReader.CONTEXT_0), key, source);
            }
        } catch (DerReader.MalformedDerException e) {
            throw notAKey(key, source, e.getMessage());
        }
        if (curve == null) {
            for (PemBlock block : blocks) {
                if (block.type().equals("EC PARAMETERS")) {
                    try {
                        curve = namedCurve(new DerReader(block.der()), block, source);
                    } catch (DerReader.MalformedDerException e) {
                        throw new PemException(source, block.describe() + " is not valid DER: " + e.getMessage(), "copy the file again");
                    }
                }
            }
        }
        if (curve == null) {
            throw new PemException(source, describe(key) + " does not say which curve it is on",
                    "convert it with 'openssl pkey -in key.pem -out key-pkcs8.pem', which writes the curve");
        }
        return curve;
    }

    private static byte[] namedCurve(DerReader parameters, PemBlock block, String source) throws DerReader.MalformedDerException, PemException {
        if (parameters.peekTag() != DerReader.OID) {
            throw new PemException(source, describe(block) + " spells out its curve's parameters instead of naming the curve",
                    "convert it with 'openssl ec -in key.pem -param_enc named_curve -out key-named.pem'");
        }
        return parameters.readElement(DerReader.OID);
    }

    private static PrivateKey generate(byte[] pkcs8, PemBlock key, String source) throws PemException {
        String algorithm;
        try {
            DerReader info = new DerReader(pkcs8).enter(DerReader.SEQUENCE);
            info.enter(DerReader.INTEGER);
            byte[] oid = info.enter(DerReader.SEQUENCE).readElement(DerReader.OID);
            algorithm = KeyAlgorithms.jcaName(oid);
            if (algorithm == null) {
                throw new PemException(source, describe(key) + " is for algorithm " + KeyAlgorithms.dotted(oid)
                        + ", which Culvert does not load", "use an RSA, EC (P-256, P-384, P-521), Ed25519 or Ed448 key");
            }
        } catch (DerReader.MalformedDerException e) {
            throw notAKey(key, source, e.getMessage());
        }
        try {
            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (NoSuchAlgorithmException e) {
            throw new PemException(source, describe(key) + " is an " + algorithm + " key, which this JDK cannot load",
                    "use an RSA or EC key, or a JDK with " + algorithm);
        } catch (GeneralSecurityException e) {
            // The JDK's message is left out: it is not meant for operators and need not be free of key details.
            String curveHint = algorithm.equals("EC") ? " (or its curve is one this JDK lacks: P-256, P-384 and P-521 work)" : "";
            throw new PemException(source, describe(key) + " is not a valid " + algorithm + " private key" + curveHint,
                    "copy the key file again, or check it with 'openssl pkey -in key.pem -noout -check'");
        }
    }

    private static PemException notAKey(PemBlock key, String source, String derProblem) {
        return new PemException(source, describe(key) + " is not a valid private key structure (" + derProblem + ")",
                "copy the key file again, or check it with 'openssl pkey -in key.pem -noout -check'");
    }

    private static String describe(PemBlock block) {
        String text = block.describe();
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}

package dev.culvert.vpn.pem;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.ECParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Private keys in every form OpenSSL writes unencrypted, and the refusals an operator may meet. */
class PemPrivateKeysTest {
    private static PrivateKey key(String fixture) throws PemException {
        return PemPrivateKeys.read(Fixtures.text(fixture), fixture);
    }

    private static PublicKey certificateKey(String fixture) throws PemException {
        return PemCertificates.read(Fixtures.text(fixture), fixture).get(0).getPublicKey();
    }

    /** The key signs something its certificate's public key verifies: proof the right key came out. */
    private static void assertSignsFor(PrivateKey key, PublicKey publicKey, String algorithm) throws Exception {
        byte[] data = "culvert".getBytes(StandardCharsets.US_ASCII);
        Signature signer = Signature.getInstance(algorithm);
        signer.initSign(key);
        signer.update(data);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance(algorithm);
        verifier.initVerify(publicKey);
        verifier.update(data);
        assertTrue(verifier.verify(signature));
    }

    @Test
    void readsPkcs8Rsa() throws Exception {
        PrivateKey key = key("rsa-pkcs8.pem");
        assertEquals("RSA", key.getAlgorithm());
        assertSignsFor(key, certificateKey("ca-rsa.crt"), "SHA256withRSA");
    }

    @Test
    void readsPkcs1RsaAsTheSameKeyAsPkcs8() throws Exception {
        PrivateKey pkcs1 = key("rsa-pkcs1.pem");
        assertEquals("RSA", pkcs1.getAlgorithm());
        assertEquals(((RSAPrivateCrtKey) key("rsa-pkcs8.pem")).getPrivateExponent(), ((RSAPrivateCrtKey) pkcs1).getPrivateExponent());
        assertArrayEquals(key("rsa-pkcs8.pem").getEncoded(), pkcs1.getEncoded());
        assertSignsFor(pkcs1, certificateKey("ca-rsa.crt"), "SHA256withRSA");
    }

    @Test
    void readsSec1EcWithItsCurve() throws Exception {
        PrivateKey key = key("ec-sec1.pem");
        assertEquals("EC", key.getAlgorithm());
        ECParameterSpec curve = ((ECPrivateKey) key).getParams();
        assertEquals(256, curve.getCurve().getField().getFieldSize());
        assertEquals(((ECPrivateKey) key("ec-pkcs8.pem")).getS(), ((ECPrivateKey) key).getS());
        assertSignsFor(key, certificateKey("ec.crt"), "SHA256withECDSA");
    }

    @Test
    void skipsALeadingEcParametersBlock() throws Exception {
        PrivateKey key = key("ec-sec1-with-params.pem");
        assertEquals(((ECPrivateKey) key("ec-sec1.pem")).getS(), ((ECPrivateKey) key).getS());
    }

    @Test
    void readsSec1WithoutItsOptionalPublicKey() throws Exception {
        assertSignsFor(key("ec-sec1-no-public.pem"), certificateKey("ec.crt"), "SHA256withECDSA");
    }

    @Test
    void takesTheCurveFromTheEcParametersBlockWhenTheKeyOmitsIt() throws Exception {
        // SEC1 makes parameters optional; rebuild the fixture's key without them: version, privateKey, [1] publicKey.
        String text = Fixtures.text("ec-sec1-with-params.pem");
        String parameters = text.substring(0, text.indexOf("-----BEGIN EC PRIVATE KEY-----"));
        byte[] der = Base64.getMimeDecoder().decode(between(text, "EC PRIVATE KEY"));
        DerReader sec1 = new DerReader(der).enter(DerReader.SEQUENCE);
        byte[] version = sec1.readElement(DerReader.INTEGER);
        byte[] secret = sec1.readElement(DerReader.OCTET_STRING);
        sec1.skip();
        byte[] content = concat(version, secret);
        byte[] stripped = concat(new byte[] {0x30, (byte) content.length}, content);
        String rebuilt = parameters + "-----BEGIN EC PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(stripped)
                + "\n-----END EC PRIVATE KEY-----\n";
        assertEquals(((ECPrivateKey) key("ec-sec1.pem")).getS(), ((ECPrivateKey) PemPrivateKeys.read(rebuilt, "rebuilt")).getS());

        String alone = rebuilt.substring(rebuilt.indexOf("-----BEGIN EC PRIVATE KEY-----"));
        PemException e = assertThrows(PemException.class, () -> PemPrivateKeys.read(alone, "bare.key"));
        assertTrue(e.getMessage().contains("does not say which curve"), e.getMessage());
    }

    @Test
    void readsPkcs8Ec() throws Exception {
        assertSignsFor(key("ec-pkcs8.pem"), certificateKey("ec.crt"), "SHA256withECDSA");
    }

    @Test
    void readsPkcs8Ed25519() throws Exception {
        PrivateKey key = key("ed25519-pkcs8.pem");
        assertTrue(key.getAlgorithm().equals("Ed25519") || key.getAlgorithm().equals("EdDSA"), key.getAlgorithm());
    }

    @Test
    void refusesAnEncryptedPkcs8KeyAndSaysHowToDecryptIt() {
        PemException e = assertThrows(PemException.class, () -> key("rsa-encrypted-pkcs8.pem"));
        assertEquals("rsa-encrypted-pkcs8.pem", e.source());
        assertTrue(e.problem().contains("encrypted with a passphrase"), e.problem());
        assertTrue(e.fix().contains("openssl pkey -in key.pem -out key-plain.pem"), e.fix());
    }

    @Test
    void refusesALegacyEncryptedPkcs1Key() {
        PemException e = assertThrows(PemException.class, () -> key("rsa-encrypted-pkcs1.pem"));
        assertTrue(e.problem().contains("RSA PRIVATE KEY block on line 1 is encrypted"), e.problem());
        assertTrue(e.fix().contains("openssl pkey"), e.fix());
    }

    @Test
    void refusesExplicitCurveParametersWithTheConversionCommand() {
        PemException e = assertThrows(PemException.class, () -> key("ec-sec1-explicit-curve.pem"));
        assertTrue(e.problem().contains("spells out its curve"), e.problem());
        assertTrue(e.fix().contains("-param_enc named_curve"), e.fix());
    }

    @Test
    void aCertificateIsNotAKey() {
        PemException e = assertThrows(PemException.class, () -> PemPrivateKeys.read(Fixtures.text("ca-rsa.crt"), "client.ovpn:40"));
        assertEquals("client.ovpn:40: holds no private key (found CERTIFICATE); name the key file (BEGIN PRIVATE KEY, "
                + "RSA PRIVATE KEY or EC PRIVATE KEY), not the certificate or CA", e.getMessage());
    }

    @Test
    void takesTheKeyOfACombinedCertificateAndKeyFile() throws Exception {
        String combined = Fixtures.text("ca-rsa.crt") + Fixtures.text("rsa-pkcs1.pem");
        assertEquals("RSA", PemPrivateKeys.read(combined, "combined.pem").getAlgorithm());
    }

    @Test
    void refusesTwoKeysRatherThanGuess() {
        String two = Fixtures.text("rsa-pkcs8.pem") + Fixtures.text("ec-sec1.pem");
        PemException e = assertThrows(PemException.class, () -> PemPrivateKeys.read(two, "two.key"));
        assertTrue(e.problem().contains("two private keys"), e.problem());
    }

    @Test
    void aKeyWhoseDerIsCutShortIsRefusedWithoutQuotingIt() {
        String text = Fixtures.text("rsa-pkcs1.pem");
        byte[] der = Base64.getMimeDecoder().decode(between(text, "RSA PRIVATE KEY"));
        byte[] cut = Arrays.copyOf(der, der.length / 2);
        String damaged = "-----BEGIN RSA PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(cut) + "\n-----END RSA PRIVATE KEY-----\n";
        PemException e = assertThrows(PemException.class, () -> PemPrivateKeys.read(damaged, "cut.key"));
        assertTrue(e.problem().contains("is not a valid RSA private key"), e.problem());
        assertNoKeyMaterial(e, damaged);
    }

    @Test
    void garbageBase64IsRefusedWithoutQuotingIt() {
        String text = Fixtures.text("rsa-pkcs8.pem").replaceFirst("\n(.)", "\n!$1");
        PemException e = assertThrows(PemException.class, () -> PemPrivateKeys.read(text, "bad.key"));
        assertEquals("bad.key", e.source());
        assertTrue(e.problem().contains("PRIVATE KEY block on line 1 is not valid base64"), e.problem());
        assertFalse(e.getMessage().contains("!"), e.getMessage());
    }

    @Test
    void readsAKeyFromAFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("client.key");
        Files.writeString(file, Fixtures.text("ec-sec1-with-params.pem"));
        assertEquals("EC", PemPrivateKeys.readFile(file).getAlgorithm());
        PemException e = assertThrows(PemException.class, () -> PemPrivateKeys.readFile(dir.resolve("missing.key")));
        assertEquals(dir.resolve("missing.key").toString(), e.source());
        assertTrue(e.problem().contains("does not exist"), e.problem());
    }

    /** No 12-character run of the key's base64 appears in the message. */
    private static void assertNoKeyMaterial(PemException e, String pem) {
        String message = e.getMessage();
        String base64 = pem.lines().filter(l -> !l.startsWith("-----")).reduce("", String::concat);
        for (int i = 0; i + 12 <= base64.length(); i += 4) {
            assertFalse(message.contains(base64.substring(i, i + 12)), message);
        }
    }

    static String between(String text, String type) {
        int begin = text.indexOf("-----BEGIN " + type + "-----");
        int start = text.indexOf('\n', begin) + 1;
        int end = text.indexOf("-----END " + type + "-----");
        return text.substring(start, end);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}

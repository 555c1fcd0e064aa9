package dev.culvert.ssl.conscrypt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.core.aead.JceAeadProvider;
import dev.culvert.core.embed.ModuleBinder;
import dev.culvert.core.slot.SlotNames;
import dev.culvert.core.slot.SlotRegistry;
import dev.culvert.spi.aead.AeadAlgorithm;
import dev.culvert.spi.aead.AeadProvider;
import dev.culvert.spi.tls.TlsProvider;
import dev.culvert.testing.pki.TestPki;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Security;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;

/** Found by both hosts with the right names and rankings, gated on the native library, registering nothing globally. */
class RegistrationTest {
    @Test
    void serviceLoaderBindsConscryptAboveBcForTlsAndBelowJceForAead() {
        SlotRegistry registry = new SlotRegistry();
        registry.slot(SlotNames.AEAD, AeadProvider.class).bind(new JceAeadProvider(), "jce", AeadProvider.DEFAULT_RANKING);
        ModuleBinder.discover(registry, getClass().getClassLoader());
        // module-ssl-bc is on the test class path too: conscrypt is the default TLS provider, bc the fallback.
        assertEquals("tls: conscrypt [conscrypt(ranking 20), bc(ranking 10)]", registry.slot(SlotNames.TLS, TlsProvider.class).describe());
        assertEquals("aead: jce [jce(ranking -100), conscrypt(ranking -150)]", registry.slot(SlotNames.AEAD, AeadProvider.class).describe());
    }

    private static String componentXml(Class<?> type) throws IOException {
        try (InputStream in = type.getClassLoader().getResourceAsStream("OSGI-INF/" + type.getName() + ".xml")) {
            assertTrue(in != null, "bnd-process wrote the component description");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void bothProvidersAreDisabledComponentsThatTheActivationGateEnables() throws IOException {
        String tls = componentXml(ConscryptTlsProvider.class);
        assertTrue(tls.contains("enabled=\"false\"") && tls.contains("interface=\"dev.culvert.spi.tls.TlsProvider\""), tls);
        assertTrue(tls.contains("name=\"culvert.name\" type=\"String\" value=\"conscrypt\""), tls);
        assertTrue(tls.contains("name=\"service.ranking\" type=\"Integer\" value=\"20\""), tls);
        String aead = componentXml(ConscryptAeadProvider.class);
        assertTrue(aead.contains("enabled=\"false\"") && aead.contains("interface=\"dev.culvert.spi.aead.AeadProvider\""), aead);
        assertTrue(aead.contains("name=\"culvert.name\" type=\"String\" value=\"conscrypt\""), aead);
        assertTrue(aead.contains("name=\"service.ranking\" type=\"Integer\" value=\"-150\""), aead);
        String gate = componentXml(ConscryptActivation.class);
        assertTrue(gate.contains("immediate=\"true\"") && !gate.contains("<service"), gate);
        assertTrue(tls.contains("name=\"" + ConscryptActivation.PROVIDERS.get(0) + "\""), "the gate enables the TLS component by its name");
        assertTrue(aead.contains("name=\"" + ConscryptActivation.PROVIDERS.get(1) + "\""), "the gate enables the AEAD component by its name");
    }

    @Test
    void withTheNativeLibraryLoadedTheGateEnablesBothProviders() {
        List<String> enabled = new ArrayList<>();
        assertTrue(new ConscryptActivation().open(enabled::add));
        assertEquals(ConscryptActivation.PROVIDERS, enabled);
    }

    @Test
    void withoutTheNativeLibraryTheGateEnablesNothingAndTheReasonNamesTheFix() {
        String reason = ConscryptNatives.explain(new UnsatisfiedLinkError("/tmp/libconscrypt_openjdk_jni-linux-x86_64123.so: failed to map segment from shared object"));
        List<String> enabled = new ArrayList<>();
        assertFalse(new ConscryptActivation(() -> reason).open(enabled::add));
        assertEquals(List.of(), enabled, "no provider is registered");
        assertTrue(reason.startsWith("Conscrypt's native library (BoringSSL) did not load on "), reason);
        assertTrue(reason.contains("failed to map segment"), "the cause is named: " + reason);
        assertTrue(reason.contains("-Djava.io.tmpdir=DIR -Dorg.conscrypt.native.workdir=DIR"), "the fix is named: " + reason);
        assertTrue(reason.contains("the tls slot keeps bc and the aead slot keeps jce"), reason);
    }

    @Test
    void theNativeLibraryLoadsHere() {
        assertNull(ConscryptNatives.unavailableReason());
    }

    @Test
    void makingEnginesAndCiphersRegistersNoSecurityProvider() throws Exception {
        List<String> before = Arrays.stream(Security.getProviders()).map(p -> p.getName()).toList();
        TestPki.Issued ca = TestPki.ca("CA");
        TestPki.Issued client = TestPki.leaf(ca, "alice", TestPki.Usage.CLIENT);
        new ConscryptTlsProvider().newEngine(HandshakeTest.clientSettings(ca, client, "TLSv1.3"));
        new ConscryptAeadProvider().newCipher(AeadAlgorithm.AES_256_GCM, new byte[32], true).close();
        assertEquals(before, Arrays.stream(Security.getProviders()).map(p -> p.getName()).toList());
        assertNull(Security.getProvider("Conscrypt"));
    }

    @Test
    void theBundleExportsNothingAndImportsConscrypt() throws Exception {
        Path classes = Path.of(ConscryptTlsProvider.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path manifestFile = classes.resolve("META-INF/MANIFEST.MF");
        assertTrue(Files.exists(manifestFile), "bnd-process wrote " + manifestFile);
        Manifest manifest;
        try (InputStream in = Files.newInputStream(manifestFile)) {
            manifest = new Manifest(in);
        }
        Attributes main = manifest.getMainAttributes();
        assertNull(main.getValue("Export-Package"), "module-ssl-conscrypt must not export its internals");
        assertEquals("dev.culvert.ssl.conscrypt", main.getValue("Private-Package"));
        String imports = main.getValue("Import-Package");
        for (String needed : List.of("org.conscrypt;", "dev.culvert.core.tlscheck", "dev.culvert.spi.tls", "dev.culvert.spi.aead",
                "org.osgi.service.component;")) {
            assertTrue(imports.contains(needed), needed + " in " + imports);
        }
        assertFalse(imports.contains("dev.culvert.ssl.bc"), "module-ssl-bc is a test dependency only: " + imports);
    }
}

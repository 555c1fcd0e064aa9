package dev.culvert.ssl.bc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.spi.tls.TlsProvider;
import dev.culvert.testing.pki.TestPki;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Security;
import java.util.Arrays;
import java.util.List;
import java.util.ServiceLoader;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;

/** Found by both hosts, registers nothing globally, and exports nothing from its bundle. */
class RegistrationTest {
    @Test
    void serviceLoaderFindsTheProviderWithItsRanking() {
        List<TlsProvider> providers = ServiceLoader.load(TlsProvider.class).stream().map(ServiceLoader.Provider::get).toList();
        assertEquals(List.of("bc"), providers.stream().map(TlsProvider::name).toList());
        assertEquals(10, ((BcTlsProvider) providers.get(0)).ranking());
    }

    @Test
    void theProviderIsADeclarativeServicesComponent() throws IOException {
        String xml;
        try (InputStream in = BcTlsProvider.class.getClassLoader().getResourceAsStream("OSGI-INF/" + BcTlsProvider.class.getName() + ".xml")) {
            assertTrue(in != null, "bnd-process wrote the component description");
            xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(xml.contains("interface=\"dev.culvert.spi.tls.TlsProvider\""), xml);
        assertTrue(xml.contains("name=\"culvert.name\"") && xml.contains("value=\"bc\""), xml);
        assertTrue(xml.contains("name=\"service.ranking\" type=\"Integer\" value=\"10\""), xml);
    }

    @Test
    void makingEnginesRegistersNoSecurityProvider() throws Exception {
        List<String> before = Arrays.stream(Security.getProviders()).map(p -> p.getName()).toList();
        TestPki.Issued ca = TestPki.ca("CA");
        TestPki.Issued client = TestPki.leaf(ca, "alice", TestPki.Usage.CLIENT);
        new BcTlsProvider().newEngine(HandshakeTest.clientSettings(ca, client));
        assertEquals(before, Arrays.stream(Security.getProviders()).map(p -> p.getName()).toList());
        assertNull(Security.getProvider("BC"));
        assertNull(Security.getProvider("BCJSSE"));
    }

    @Test
    void theBundleExportsNothingAndImportsBouncyCastle() throws Exception {
        Path classes = Path.of(BcTlsProvider.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path manifestFile = classes.resolve("META-INF/MANIFEST.MF");
        assertTrue(Files.exists(manifestFile), "bnd-process wrote " + manifestFile);
        Manifest manifest;
        try (InputStream in = Files.newInputStream(manifestFile)) {
            manifest = new Manifest(in);
        }
        Attributes main = manifest.getMainAttributes();
        assertNull(main.getValue("Export-Package"), "module-ssl-bc must not export its internals");
        assertEquals("dev.culvert.ssl.bc", main.getValue("Private-Package"));
        String imports = main.getValue("Import-Package");
        for (String needed : List.of("org.bouncycastle.jsse;", "org.bouncycastle.jsse.provider", "org.bouncycastle.jce.provider",
                "org.bouncycastle.tls.crypto.impl.jcajce", "dev.culvert.spi.tls")) {
            assertTrue(imports.contains(needed), needed + " in " + imports);
        }
    }
}

package dev.culvert.vpn.peercert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** x509-track's argument as 2.6's x509_track_add reads it. */
class X509TrackTest {
    @Test
    void aLeadingPlusMeansTheWholeChain() {
        X509Track all = X509Track.parse("+CN");
        assertTrue(all.fullChain());
        assertEquals("CN", all.name());
        assertFalse(X509Track.parse("CN").fullChain());
    }

    @Test
    void longNamesAndOidsNameTheSameAttributeAndTheVariableKeepsTheWrittenName() {
        X509Track longName = X509Track.parse("commonName");
        assertEquals("CN", longName.shortName());
        assertEquals("commonName", longName.name());
        assertEquals("emailAddress", X509Track.parse("1.2.840.113549.1.9.1").shortName());
        assertEquals("SHA1", X509Track.parse("sha1").shortName());
        assertTrue(X509Track.parse("+SHA256").fingerprint());
    }

    @Test
    void anExtensionIsRefusedWithWhyAndAnUnknownNameToo() {
        IllegalArgumentException extension = assertThrows(IllegalArgumentException.class, () -> X509Track.parse("subjectAltName"));
        assertTrue(extension.getMessage().contains("X509V3_EXT_print"), extension.getMessage());
        assertThrows(IllegalArgumentException.class, () -> X509Track.parse("+2.5.29.17"));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> X509Track.parse("nosuch"));
        assertTrue(unknown.getMessage().contains("'nosuch'"), unknown.getMessage());
        assertThrows(IllegalArgumentException.class, () -> X509Track.parse("+"));
    }
}

package dev.culvert.vpn.pem;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the writer encodes, the reader reads back: lengths at every size boundary, and OIDs. */
class DerWriterTest {
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 127, 128, 255, 256, 65_535, 65_536})
    void anElementOfAnyLengthReadsBackWhole(int length) throws Exception {
        byte[] content = new byte[length];
        for (int i = 0; i < length; i++) {
            content[i] = (byte) i;
        }
        byte[] element = DerWriter.element(DerReader.OCTET_STRING, content);
        assertEquals(1 + DerWriter.lengthOfLength(length) + length, element.length);
        DerReader reader = new DerReader(element);
        assertArrayEquals(element, reader.readElement(DerReader.OCTET_STRING));
        assertFalse(reader.hasMore());
    }

    @ParameterizedTest
    @ValueSource(strings = {"2.5.4.3", "1.2.840.113549.1.1.11", "1.2.840.10045.4.3.2", "1.3.6.1.5.5.7.3.2", "1.2.16384"})
    void anOidReadsBackAsTheSameDottedText(String dotted) {
        assertEquals(dotted, KeyAlgorithms.dotted(DerWriter.oid(dotted)));
    }

    @Test
    void theKnownKeyOidsComeOutByteForByte() {
        assertArrayEquals(KeyAlgorithms.RSA, DerWriter.oid("1.2.840.113549.1.1.1"));
        assertArrayEquals(KeyAlgorithms.EC, DerWriter.oid("1.2.840.10045.2.1"));
        assertArrayEquals(KeyAlgorithms.ED25519, DerWriter.oid("1.3.101.112"));
    }

    @Test
    void aFirstSubidentifierOver127TakesTwoBytesAsX690sOwnExampleShows() {
        assertArrayEquals(new byte[] {0x06, 0x03, (byte) 0x88, 0x37, 0x03}, DerWriter.oid("2.999.3"));
    }

    @Test
    void partsFollowOneAnotherUnderTheirTag() {
        byte[] sequence = DerWriter.element(DerReader.SEQUENCE, KeyAlgorithms.DER_NULL, DerWriter.TRUE);
        assertArrayEquals(new byte[] {0x30, 0x05, 0x05, 0x00, 0x01, 0x01, (byte) 0xFF}, sequence);
    }
}

package dev.culvert.vpn.fragment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The fragment header's bits, as 2.6's fragment.h lays them out. */
class FragmentHeaderTest {
    @Test
    void aWholePayloadCarriesAnAllZeroWord() {
        assertEquals(0, FragmentHeader.whole());
        assertEquals(FragmentHeader.WHOLE, FragmentHeader.type(0));
        assertFalse(FragmentHeader.spuriousWhole(0));
    }

    @Test
    void theLastPartCarriesTypeSequenceIndexAndThePartsSizeInUnitsOf4() {
        // type 2 | sequence 5 << 2 | index 2 << 10 | (972 / 4) << 15
        int word = FragmentHeader.part(true, 5, 2, 972);
        assertEquals(2 | 5 << 2 | 2 << 10 | 243 << 15, word);
        assertEquals(FragmentHeader.LAST, FragmentHeader.type(word));
        assertEquals(5, FragmentHeader.sequence(word));
        assertEquals(2, FragmentHeader.index(word));
        assertEquals(972, FragmentHeader.partSize(word));
    }

    @Test
    void otherPartsLeaveTheSizeBitsClear() {
        int word = FragmentHeader.part(false, 255, 31, 972);
        assertEquals(1 | 255 << 2 | 31 << 10, word);
        assertEquals(FragmentHeader.NOT_LAST, FragmentHeader.type(word));
        assertEquals(255, FragmentHeader.sequence(word));
        assertEquals(31, FragmentHeader.index(word));
    }

    @Test
    void sequenceIdsWrapAt256AndIndexesAt32() {
        int word = FragmentHeader.part(false, 256 + 7, 32 + 3, 0);
        assertEquals(7, FragmentHeader.sequence(word));
        assertEquals(3, FragmentHeader.index(word));
    }

    @Test
    void aWholeWordWithSequenceOrIndexBitsIsSpurious() {
        assertTrue(FragmentHeader.spuriousWhole(1 << 2));
        assertTrue(FragmentHeader.spuriousWhole(1 << 10));
        assertFalse(FragmentHeader.spuriousWhole(1 << 15), "the extra bits of a whole payload are unused, not refused (2.6)");
    }
}

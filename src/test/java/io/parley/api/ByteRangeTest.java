package io.parley.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ByteRangeTest {

    @Test
    void theFormsOfASingleRange() throws Exception {
        assertEquals(Optional.of(new ByteRange(0, 99)), ByteRange.parse("bytes=0-99", 1000));
        assertEquals(Optional.of(new ByteRange(44, 999)), ByteRange.parse("bytes=44-", 1000));
        assertEquals(Optional.of(new ByteRange(900, 999)), ByteRange.parse("bytes=-100", 1000));
        assertEquals(Optional.of(new ByteRange(0, 999)), ByteRange.parse("bytes=-5000", 1000), "a suffix past the start");
        assertEquals(Optional.of(new ByteRange(990, 999)), ByteRange.parse("bytes=990-5000", 1000), "clipped to the end");
        assertEquals("bytes 990-999/1000", new ByteRange(990, 999).contentRange(1000));
        assertEquals(10, new ByteRange(990, 999).length());
    }

    @Test
    void whatIsIgnoredServesTheWholeFile() throws Exception {
        for (String header : new String[] {null, "", "bytes=", "bytes=-", "bytes=5-1", "items=0-9", "bytes=0-1,5-9",
                "bytes=abc-", "bytes=99999999999999999999-"}) {
            assertEquals(Optional.empty(), ByteRange.parse(header, 1000), header);
        }
    }

    @Test
    void aRangePastTheEndIsUnsatisfiable() {
        assertThrows(ByteRange.Unsatisfiable.class, () -> ByteRange.parse("bytes=1000-", 1000));
        assertThrows(ByteRange.Unsatisfiable.class, () -> ByteRange.parse("bytes=-0", 1000));
        assertThrows(ByteRange.Unsatisfiable.class, () -> ByteRange.parse("bytes=0-", 0));
    }
}

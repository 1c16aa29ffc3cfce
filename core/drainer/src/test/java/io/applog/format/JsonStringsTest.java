package io.applog.format;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonStringsTest {
    /** Every byte value at every position: found exactly when the escapes say so. */
    @Test
    void needsEscapeFindsEveryByteTheEscapesEscape() {
        int[] escapes = new JsonEscapes().getEscapeCodesForAscii();
        int found = 0;
        for (int length = 1; length <= 19; length++) {
            for (int at = 0; at < length; at++) {
                for (int c = -128; c < 128; c++) {
                    byte[] b = new byte[length + 2];
                    Arrays.fill(b, (byte) 'a');
                    b[1 + at] = (byte) c;
                    boolean escaped = c < 0 || escapes[c] != 0;
                    assertEquals(escaped, JsonStrings.needsEscape(b, 1, 1 + length), "byte " + c + " at " + at + " of " + length);
                    found += escaped ? 1 : 0;
                }
            }
        }
        // per position: 128 non-ASCII, 32 C0 controls, quote, backslash, DEL
        assertEquals(190 * 163, found);
    }

    @Test
    void bytesBesideTheRangeAreNotLookedAt() {
        byte[] b = "\"abcdefghijklmnop\\".getBytes(StandardCharsets.US_ASCII);
        assertFalse(JsonStrings.needsEscape(b, 1, b.length - 1));
        assertTrue(JsonStrings.needsEscape(b, 0, b.length - 1));
        assertTrue(JsonStrings.needsEscape(b, 1, b.length));
        assertFalse(JsonStrings.needsEscape(b, 5, 5));
    }

    @Test
    void escapedNamesAreWhatTheGeneratorWritesWithoutTheQuotesAlsoOnceForgotten() {
        JsonStrings.EscapedNames names = new JsonStrings.EscapedNames();
        String name = "w\"1\u2028\u00fc";
        String escaped = "w\\\"1\\u2028\u00fc";
        assertEquals(escaped, new String(names.escaped(name), StandardCharsets.UTF_8));
        for (int i = 0; i < 5000; i++) { // past the names it keeps: all forgotten, then escaped again
            assertEquals("p" + i, new String(names.escaped("p" + i), StandardCharsets.UTF_8));
        }
        assertEquals(escaped, new String(names.escaped(name), StandardCharsets.UTF_8));
    }
}

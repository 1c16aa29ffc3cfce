package io.applog.internal;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TextEscaperTest {

    private static String field(CharSequence in) {
        StringBuilder out = new StringBuilder();
        TextEscaper.appendField(in, out);
        return out.toString();
    }

    private static String multiline(CharSequence in) {
        StringBuilder out = new StringBuilder();
        TextEscaper.appendMultiline(in, out);
        return out.toString();
    }

    @Test
    void plainTextPassesThrough() {
        String plain = "demo.Worker [main] ~!@#$%^&*()_+{}|:\"<>? \u00e9\u00a0\u4e2d\u6587";
        assertEquals(plain, field(plain));
        assertEquals(plain, multiline(plain));
        assertEquals("a\tb", field("a\tb"));
        assertEquals("a\tb", multiline("a\tb"));
        assertEquals("", field(""));
    }

    @Test
    void carriageReturn() {
        assertEquals("a\\u000Db", field("a\rb"));
        assertEquals("a\\u000Db", multiline("a\rb"));
        assertEquals("a\\u000D", multiline("a\r"));
    }

    @Test
    void lineFeed() {
        assertEquals("a\\u000Ab", field("a\nb"));
        assertEquals("a\n\tb", multiline("a\nb"));
        assertEquals("\n\t\n\t", multiline("\n\n"));
    }

    @Test
    void crlfIsOneLineBreak() {
        assertEquals("a\\u000D\\u000Ab", field("a\r\nb"));
        assertEquals("a\n\tb\n\tc", multiline("a\r\nb\nc"));
        assertEquals("a\\u000D\n\tb", multiline("a\r\r\nb"));
    }

    @Test
    void nul() {
        assertEquals("a\\u0000b", field("a\u0000b"));
        assertEquals("a\\u0000b", multiline("a\u0000b"));
    }

    @Test
    void ansiClearScreen() {
        assertEquals("\\u001B[2J", field("\u001B[2J"));
        assertEquals("\\u001B[2J", multiline("\u001B[2J"));
    }

    @Test
    void oscTitle() {
        assertEquals("\\u001B]0;title\\u0007", field("\u001B]0;title\u0007"));
        assertEquals("\\u001B]0;title\\u0007", multiline("\u001B]0;title\u0007"));
    }

    @Test
    void c1AndDel() {
        assertEquals("\\u009B2J", field("\u009B2J"));
        assertEquals("\\u0080\\u009F\\u007F", multiline("\u0080\u009F\u007F"));
    }

    @Test
    void lineAndParagraphSeparators() {
        assertEquals("a\\u2028b\\u2029c", field("a\u2028b\u2029c"));
        assertEquals("a\\u2028b\\u2029c", multiline("a\u2028b\u2029c"));
    }

    @Test
    void bidiControlsAndBom() {
        assertEquals("\\u202Etxt.exe", field("\u202Etxt.exe"));
        assertEquals("\\u200E\\u200F\\u202A\\u202B\\u202C\\u202D\\u202E",
                field("\u200E\u200F\u202A\u202B\u202C\u202D\u202E"));
        assertEquals("\\u2066\\u2067\\u2068\\u2069\\uFEFF", multiline("\u2066\u2067\u2068\u2069\uFEFF"));
        assertEquals("\u200D\u2065\u206A\u2030\u2027", field("\u200D\u2065\u206A\u2030\u2027"));
    }

    @Test
    void loneHighSurrogate() {
        assertEquals("a\uFFFDb", field("a\uD83Db"));
        assertEquals("a\uFFFD", multiline("a\uD83D"));
        assertEquals("\uFFFD\n\t", multiline("\uD83D\n"));
    }

    @Test
    void loneLowSurrogate() {
        assertEquals("a\uFFFDb", field("a\uDE00b"));
        assertEquals("\uFFFD\uFFFD", multiline("\uDE00\uD83D"));
    }

    @Test
    void validSurrogatePairPassesThrough() {
        assertEquals("ok \uD83D\uDE00!", field("ok \uD83D\uDE00!"));
        assertEquals("\uD83D\uDE00\uD83D\uDE00", multiline("\uD83D\uDE00\uD83D\uDE00"));
        assertEquals("\uFFFD\uD83D\uDE00", field("\uD83D\uD83D\uDE00"));
    }

    @Test
    void wholeCorpus() {
        String corpus = "\r|\n|\u0000|\u001B[2J|\u001B]0;title\u0007|\u009B|\u2028|\u202E|\uD800|\uDC00|\uD83D\uDE00";
        assertEquals("\\u000D|\\u000A|\\u0000|\\u001B[2J|\\u001B]0;title\\u0007|\\u009B|\\u2028|\\u202E"
                + "|\uFFFD|\uFFFD|\uD83D\uDE00", field(corpus));
        assertEquals("\\u000D|\n\t|\\u0000|\\u001B[2J|\\u001B]0;title\\u0007|\\u009B|\\u2028|\\u202E"
                + "|\uFFFD|\uFFFD|\uD83D\uDE00", multiline(corpus));
    }

    @Test
    void everyControlCharIsEscaped() {
        for (char c = 0; c < 0x20; c++) {
            String expected = c == '\t' ? "\t" : String.format("\\u%04X", (int) c);
            assertEquals(expected, field(String.valueOf(c)), "char " + (int) c);
        }
    }

    @Test
    void rangeOverloadsHonourBounds() {
        StringBuilder out = new StringBuilder("> ");
        TextEscaper.appendField("xx\u001By\n", 2, 4, out);
        TextEscaper.appendMultiline("a\nb\r\n", 1, 4, out);
        assertEquals("> \\u001By\n\tb\\u000D", out.toString());
        out.setLength(0);
        TextEscaper.appendField("\uD83D\uDE00", 0, 1, out);
        assertEquals("\uFFFD", out.toString());
    }
}

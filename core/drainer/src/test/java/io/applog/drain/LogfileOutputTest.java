package io.applog.drain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The logfile under the file sink: UTF-8 of text and byte lines, exact length, abandon. */
class LogfileOutputTest {
    @TempDir
    Path tmp;

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private byte[] write(String... lines) throws Exception {
        Path file = tmp.resolve("out.log");
        Files.deleteIfExists(file);
        long length;
        try (LogfileOutput out = LogfileOutput.open(file, -1, false)) {
            for (String line : lines) {
                out.text().append(line);
                out.lineDone();
            }
            length = out.length(); // what the checkpoint saves: exact before the flush
        }
        byte[] out = Files.readAllBytes(file);
        assertEquals(out.length, length);
        return out;
    }

    @Test
    void shouldWriteAsciiAndMultiByteTextAsUtf8() throws Exception {
        String text = "plain ascii\n" + "caf\u00e9 \u20ac \uD83D\uDE00 \u4e16\u754c\n";
        assertArrayEquals(utf8(text), write("plain ascii\n", "caf\u00e9 \u20ac \uD83D\uDE00 \u4e16\u754c\n"));
    }

    @Test
    void shouldReplaceEachLoneSurrogateWithTheReplacementCharacter() throws Exception {
        byte[] out = write("a\uD800b\uDC00c\uD83D\n");
        assertArrayEquals(utf8("a\uFFFDb\uFFFDc\uFFFD\n"), out);
    }

    @Test
    void shouldKeepAPairWholeAcrossChunksLargerThanTheBuffer() throws Exception {
        // far more than one pending chunk and one byte buffer; a pair on every segment edge
        StringBuilder big = new StringBuilder();
        while (big.length() < 3_000_000) {
            big.append("x".repeat(349_523)).append("\uD83D\uDE00").append('\u00e9');
        }
        big.append('\n');
        String line = big.toString();
        assertArrayEquals(utf8("first\n" + line + "last\n"), write("first\n", line, "last\n"));
    }

    @Test
    void shouldWriteByteLinesInOrderWithTextLinesAndRefuseOnlyALineLargerThanTheBuffer() throws Exception {
        Path file = tmp.resolve("mixed.log");
        long length;
        try (LogfileOutput out = LogfileOutput.open(file, -1, false)) {
            out.text().append("chars \u00e9\n");
            out.lineDone();
            byte[] buffer = out.reserve(6);
            int at = out.position();
            System.arraycopy(utf8("bytes\n"), 0, buffer, at, 6);
            out.advance(at + 6);
            out.text().append("chars again\n");
            out.lineDone();
            assertNull(out.reserve((1 << 20) + 1), "a line over the 1 MiB buffer goes through text()");
            length = out.length();
        }
        assertArrayEquals(utf8("chars \u00e9\nbytes\nchars again\n"), Files.readAllBytes(file));
        assertEquals(Files.size(file), length);
    }

    @Test
    void shouldCutUnflushedTextWhenAbandoned() throws Exception {
        Path file = tmp.resolve("cut.log");
        try (LogfileOutput out = LogfileOutput.open(file, -1, false)) {
            out.text().append("kept\n");
            out.lineDone();
            out.flush();
            out.text().append("lost\n");
            out.lineDone();
            out.abandon();
        }
        assertArrayEquals(utf8("kept\n"), Files.readAllBytes(file));
    }
}

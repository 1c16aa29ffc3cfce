package io.applog.it;

import io.applog.record.RecordLayout;
import io.applog.testing.ChildProcessTest;
import io.applog.testing.LogLine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Records far larger than a queue block, and a drainer with a small heap over large records. */
@Timeout(value = Stress.TIMEOUT_MINUTES, unit = TimeUnit.MINUTES)
class SizesTest extends ChildProcessTest {
    @Test
    void shouldKeepRecordsLargerThanTheBlockWholeOrCutWithTheMarkerAndTheRecordsAfterThem() throws Exception {
        Path queue = tmp.resolve("q");
        Path logfile = tmp.resolve("app.log");
        int block = 64 * 1024;
        Process w = children.start("big", BigMessageMain.class,
                List.of("-DSingleChronicleQueueBuilder.blocksize=" + block), queue.toString(), "big");
        assertEquals(0, children.exit(w, "big", 120), children.stderr("big"));
        assertEquals("", children.stderr("big"), "nothing thrown, nothing reported");
        assertEquals(List.of("blockSize=" + block, "dropped=0"), children.stdout("big"));
        assertTrue(BigMessageMain.WHOLE.getBytes(StandardCharsets.UTF_8).length > 10 * block);

        Process d = children.drainer("drainer", queue, logfile, "--timeout-sec", "1");
        assertEquals(0, children.exit(d, "drainer", 120), children.stderr("drainer"));
        assertEquals("", children.stderr("drainer"));
        List<String> lines = java.nio.file.Files.readAllLines(logfile, StandardCharsets.UTF_8);
        assertEquals(4 + BigMessageMain.AFTER, lines.size());
        String big = "INFO big[" + w.pid() + "] main it.Big";
        assertMessage(big, "before", lines.get(0));
        assertMessage(big, BigMessageMain.WHOLE, lines.get(1));
        assertMessage(big, cut(BigMessageMain.HUGE, RecordLayout.MAX_FIELD_CHARS), lines.get(2));
        // the record's budget of chars: thread, logger, template, 3 arguments of 1 M chars, the rest for the 4th
        String arg = cut(BigMessageMain.ARG, RecordLayout.MAX_FIELD_CHARS);
        int fields = "main".length() + "it.Big".length() + "{} {} {} {}".length();
        String last = cut(BigMessageMain.ARG, RecordLayout.MAX_RECORD_CHARS - fields - 3 * RecordLayout.MAX_FIELD_CHARS);
        assertMessage(big, arg + " " + arg + " " + arg + " " + last, lines.get(3));
        for (int i = 1; i <= BigMessageMain.AFTER; i++) {
            assertMessage(big, "after " + i, lines.get(3 + i));
        }
    }

    /** {@code s} cut to {@code chars} (one less if that would split a surrogate pair) with the marker. */
    private static String cut(String s, int chars) {
        int keep = Character.isHighSurrogate(s.charAt(chars - 1)) ? chars - 1 : chars;
        return s.substring(0, keep) + RecordLayout.TRUNCATED_MARKER + (s.length() - keep) + " chars]";
    }

    /** Asserts that {@code line} is a record of {@code writer} ("LEVEL process[pid] thread logger") with {@code message}. */
    private static void assertMessage(String writer, String message, String line) {
        LogLine record = LogLine.of(line, "");
        assertEquals(writer, record.level() + " " + record.process() + "[" + record.pid() + "] " + record.thread()
                + " " + record.logger(), () -> LogLine.abbreviate(line));
        String actual = record.message();
        if (!actual.equals(message)) {
            int at = 0;
            while (at < Math.min(actual.length(), message.length()) && actual.charAt(at) == message.charAt(at)) {
                at++;
            }
            throw new AssertionError("message differs at char " + at + " (lengths " + message.length() + ", "
                    + actual.length() + "): ..." + actual.substring(Math.max(0, at - 20), Math.min(actual.length(), at + 60)));
        }
    }

    @Test
    void shouldDrainLargeRecordsAndAQueueOfManyRecordsWithA32MbHeap() throws Exception {
        int big = Stress.pick(20, 200);
        int many = Stress.pick(50_000, 1_000_000);
        int bigChars = 1_000_000;
        Path queue = tmp.resolve("q");
        Path logfile = tmp.resolve("app.log");
        Process b = children.start("large", CheckedWriterMain.class, List.of("-DpayloadChars=" + bigChars),
                queue.toString(), "large", Integer.toString(big));
        Process m = children.start("many", CheckedWriterMain.class, List.of(), queue.toString(), "many",
                Integer.toString(many));
        assertEquals(0, children.exit(b, "large", 300), children.stderr("large"));
        assertEquals(0, children.exit(m, "many", 300), children.stderr("many"));

        Process d = children.drainer("drainer", List.of("-Xmx32m"), queue, logfile, "--timeout-sec", "1");
        assertEquals(0, children.exit(d, "drainer", 300), children.stderr("drainer"));
        assertEquals("", children.stderr("drainer"));
        CheckedLog log = CheckedLog.read(logfile, writer -> writer.equals("large") ? bigChars : CheckedRecords.VARYING, "");
        log.assertExactly("large", big);
        log.assertExactly("many", many);
        assertEquals(big + many, log.records);
    }
}

package io.applog.format;

import io.applog.Level;
import io.applog.record.DecodedRecord;
import org.junit.jupiter.api.Test;

import java.time.ZoneId;

import static io.applog.format.TestEvents.kv;
import static io.applog.format.TestEvents.mdc;
import static io.applog.format.TestEvents.sample;
import static io.applog.format.TestEvents.throwable;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TextFormatTest {
    private static final String PREFIX = "2026-11-25 05:07:12.345678 INFO  worker-2[4242] [main] demo.Worker - ";

    private final TextFormat format = new TextFormat(ZoneId.of("UTC"));

    private String format(DecodedRecord e) {
        StringBuilder out = new StringBuilder();
        format.format(e, out);
        return out.toString();
    }

    @Test
    void sampleLine() {
        assertEquals(PREFIX + "message text\n", format(sample("message {}", "text")));
    }

    @Test
    void levelIsPaddedAndZoneApplies() {
        DecodedRecord e = sample("boom");
        e.level = Level.ERROR;
        assertEquals("2026-11-25 05:07:12.345678 ERROR worker-2[4242] [main] demo.Worker - boom\n", format(e));
        e.level = Level.WARN;
        StringBuilder out = new StringBuilder();
        new TextFormat(ZoneId.of("Europe/Berlin")).format(e, out);
        assertEquals("2026-11-25 06:07:12.345678 WARN  worker-2[4242] [main] demo.Worker - boom\n", out.toString());
    }

    @Test
    void multiLineMessageContinuesWithTab() {
        assertEquals(PREFIX + "line1\n\tline2\n\tline3 x\n", format(sample("line1\nline2\r\nline3 {}", "x")));
        assertEquals(PREFIX + "a\n\tb\n", format(sample("{}", "a\nb")));
    }

    @Test
    void throwableContinuationLinesStartWithTab() {
        DecodedRecord e = sample("failed {}", "job-7");
        throwable(e, "java.lang.IllegalStateException: boom\n"
                + "\tat demo.Worker.run(Worker.java:10)\r\n"
                + "Caused by: java.io.IOException: disk\n"
                + "\t... 1 more\n");
        assertEquals(PREFIX + "failed job-7\n"
                + "\tjava.lang.IllegalStateException: boom\n"
                + "\t\tat demo.Worker.run(Worker.java:10)\n"
                + "\tCaused by: java.io.IOException: disk\n"
                + "\t\t... 1 more\n", format(e));
    }

    @Test
    void throwableWithoutTrailingNewlineAndNullTemplate() {
        DecodedRecord e = sample(null);
        throwable(e, "java.lang.Error");
        assertEquals(PREFIX + "null\n\tjava.lang.Error\n", format(e));
        assertEquals(PREFIX + "null\n", format(sample(null, "ignored")));
    }

    @Test
    void forgedRecordStaysOnAContinuationLine() {
        String out = format(sample("ok{}", "\n2026-01-01 00:00:00.000000 ERROR forged"));
        assertEquals(PREFIX + "ok\n\t2026-01-01 00:00:00.000000 ERROR forged\n", out);
        int recordLines = 0;
        for (String line : out.split("\n")) {
            if (!line.isEmpty() && Character.isDigit(line.charAt(0))) {
                recordLines++;
            } else {
                assertTrue(line.startsWith("\t"), line);
            }
        }
        assertEquals(1, recordLines);
        assertEquals(PREFIX + "ok\n\t2026-01-01 00:00:00.000000 ERROR forged\n",
                format(sample("ok\r\n2026-01-01 00:00:00.000000 ERROR forged")));
        assertEquals(PREFIX + "ok\\u000D2026 ERROR forged\\u2028x\n",
                format(sample("ok\r2026 ERROR forged\u2028x")));
    }

    @Test
    void singleLineFieldsAreEscaped() {
        DecodedRecord e = sample("m");
        e.process = "p\u001B[31m";
        e.thread.setLength(0);
        e.thread.append("ma\nin\t");
        e.logger.setLength(0);
        e.logger.append("demo.\u202EWorker\uD800");
        assertEquals("2026-11-25 05:07:12.345678 INFO  p\\u001B[31m[4242] [ma\\u000Ain\t] "
                + "demo.\\u202EWorker\uFFFD - m\n", format(e));
    }

    @Test
    void mdcAndKeyValuesAreNotShown() {
        DecodedRecord e = sample("m");
        mdc(e, "user", "alice");
        kv(e, "k", "v");
        assertEquals(PREFIX + "m\n", format(e));
    }

    @Test
    void recordsAppendOneAfterAnother() {
        StringBuilder out = new StringBuilder();
        DecodedRecord e = sample("first {}", "a\nb");
        format.format(e, out);
        e = sample("second");
        format.format(e, out);
        assertEquals(PREFIX + "first a\n\tb\n" + PREFIX + "second\n", out.toString());
    }
}

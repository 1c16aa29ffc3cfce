package io.applog.format;

import io.applog.Level;
import io.applog.internal.PatternSyntax;
import io.applog.record.DecodedRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.lang.management.ManagementFactory;
import java.time.ZoneId;

import static io.applog.format.TestEvents.kv;
import static io.applog.format.TestEvents.mdc;
import static io.applog.format.TestEvents.sample;
import static io.applog.format.TestEvents.throwable;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pattern layout: every conversion word, the width modifiers, the line rules, the errors. */
class PatternFormatTest {
    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final String TRACE = "java.lang.IllegalStateException: boom\n"
            + "\tat demo.Worker.run(Worker.java:10)\n"
            + "\tat demo.Main.main(Main.java:3)\n"
            + "\tSuppressed: java.lang.RuntimeException: cleanup\n"
            + "\t\tat demo.Worker.close(Worker.java:20)\n"
            + "\t\tat demo.Worker.run(Worker.java:11)\n"
            + "Caused by: java.io.IOException: disk\n"
            + "full\n"
            + "\tat demo.Disk.write(Disk.java:5)\n"
            + "\tat demo.Worker.run(Worker.java:9)\n"
            + "\t... 1 more\n";

    private static String format(String pattern, DecodedRecord e) {
        StringBuilder out = new StringBuilder();
        PatternFormat.compile(pattern, UTC).format(e, out);
        return out.toString();
    }

    /** The record of {@link TestEvents#sample} with MDC, key-values, a marker and a host. */
    private static DecodedRecord rich() {
        DecodedRecord e = sample("order {} for {}", "42", "alice");
        e.host = "box-1";
        mdc(e, "user", "alice");
        mdc(e, "req", "r-7");
        kv(e, "marker", "AUDIT,PII");
        kv(e, "amount", "12.5");
        kv(e, "currency", "EUR");
        return e;
    }

    private static String error(String pattern) {
        return assertThrows(IllegalArgumentException.class, () -> PatternFormat.compile(pattern, UTC)).getMessage();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '#', quoteCharacter = '`', value = {
            "%d{HH:mm:ss.SSS}                       # 05:07:12.345",
            "%d                                     # 2026-11-25 05:07:12,345",
            "%date{ISO8601}                         # 2026-11-25 05:07:12,345",
            "%d{STRICT}                             # 2026-11-25T05:07:12,345",
            "%d{yyyy-MM-dd HH:mm:ss.SSSSSSSSS, Europe/Berlin} # 2026-11-25 06:07:12.345678901",
            "`%d{\"HH:mm:ss,SSS\", UTC}`            # 05:07:12,345",
            "`%d{HH'h'mm}`                          # 05h07",
            "%d{s.S|SS}                             # 12.3|34",
            "%d{EEE dd MMM}                         # Wed 25 Nov",
            "%d{MMMM, UTC, fr}                      # novembre",
            "%d{HH:mm xxx, America/New_York}        # 00:07 -05:00",
            "%level                                 # INFO",
            "%p|%le                                 # INFO|INFO",
            "%process[%pid]                         # worker-2[4242]",
            "%host                                  # box-1",
            "%thread|%t                             # main|main",
            "%logger|%c|%lo|%logger{0}              # demo.Worker|demo.Worker|demo.Worker|Worker",
            "%msg|%m|%message                       # order 42 for alice|order 42 for alice|order 42 for alice",
            "%mdc                                   # user=alice, req=r-7",
            "%X{req}|%mdc{none}|%mdc{none:-n/a}     # r-7||n/a",
            "%kv                                    # `amount=\"12.5\" currency=\"EUR\"`",
            "%kvp{NONE}|%kv{single}                 # `amount=12.5 currency=EUR|amount='12.5' currency='EUR'`",
            "%marker                                # AUDIT,PII",
            "100%% [%level]                         # 100% [INFO]"})
    void shouldRenderEveryConversionWord(String pattern, String expected) {
        assertEquals(expected + "\n", format(pattern, rich()));
    }

    @Test
    void shouldRenderNothingForWhatARecordLacks() {
        DecodedRecord e = sample(null);
        assertEquals("null|||||\n", format("%msg|%mdc|%mdc{user}|%kv|%marker|%host", e));
        kv(e, "k", "v");
        assertEquals("|k=\"v\"\n", format("%marker|%kv", e), "only a first pair named marker is the markers'");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '#', quoteCharacter = '`', value = {
            "[%5level]        # [ INFO]",
            "[%-5level]       # [INFO ]",
            "[%.1level]       # [O]",
            "[%.-1level]      # [I]",
            "[%3level]        # [INFO]",
            "[%-6.-2level]    # [IN]",
            "[%10.10logger]   # [emo.Worker]",
            "[%10.-10logger]  # [demo.Worke]",
            "[%20thread]      # [                main]",
            "[%.0msg]         # []",
            "[%-3pid]         # [4242]",
            "[%8mdc{none}]    # `[        ]`"})
    void shouldPadAndTruncateAsLogbackDoes(String pattern, String expected) {
        assertEquals(expected + "\n", format(pattern, rich()));
    }

    @Test
    void shouldCountWidthsAfterEscapingAndNeverLeaveHalfASurrogatePair() {
        DecodedRecord e = sample("\u001b[2J");
        assertEquals("[\\u001B[]\n", format("[%.-7msg]", e));
        assertEquals("[\\u001B[2J]\n", format("[%9msg]", e));
        e = sample("a\uD83D\uDE00b");
        assertEquals("[a\uFFFD]\n", format("[%.-2msg]", e));
        assertEquals("[\uFFFDb]\n", format("[%.2msg]", e));
        assertEquals("[a\uD83D\uDE00]\n", format("[%.-3msg]", e));
    }

    @Test
    void shouldContinueEveryFurtherLineOfARecordWithTab() {
        assertEquals("INFO  line1\n\tline2\n\tline3 x [main]\n",
                format("%-5level %msg [%thread]%n", sample("line1\nline2\r\nline3 {}", "x")));
        assertEquals("05:07\n\tINFO x\n", format("%d{HH:mm}%n%level %msg", sample("x")));
        assertEquals("a\n\t\n\tINFO\n", format("a%n%n%level", sample("x")), "an empty line inside a record is a TAB");
        assertEquals("abcdef\n\t|INFO\n", format("%.-7msg|%level", sample("abcdef\nghi")),
                "a line break kept at the end of a truncated field");
        String forged = format("%level %msg", sample("ok\n2026-11-25 05:07:12.345678 ERROR root[1] [main] x - forged"));
        assertEquals("INFO ok\n\t2026-11-25 05:07:12.345678 ERROR root[1] [main] x - forged\n", forged);
        DecodedRecord e = sample("cr\rhere");
        e.thread.setLength(0);
        e.thread.append("t\n1");
        e.process = "p\u202E";
        assertEquals("t\\u000A1 p\\u202E cr\\u000Dhere\n", format("%thread %process %msg", e));
        assertEquals("a\\u000Ab\n", format("a\nb", e), "a line break written into the pattern is escaped");
        assertEquals("\n", format("%mdc", e), "a record that renders nothing is still one line");
    }

    @Test
    void shouldPutTheThrowableOnContinuationLinesEvenWithoutExInThePattern() {
        DecodedRecord e = sample("failed");
        throwable(e, "java.lang.IllegalStateException: boom\n\tat a.b(C.java:1)\n");
        String expected = "INFO failed\n\tjava.lang.IllegalStateException: boom\n\t\tat a.b(C.java:1)\n";
        assertEquals(expected, format("%level %msg", e));
        assertEquals(expected, format("%level %msg%n", e));
        assertEquals(expected, format("%level %msg%n%ex", e));
        assertEquals("INFO failed\n\t[\n\tjava.lang.IllegalStateException: boom\n\t\tat a.b(C.java:1)]\n",
                format("%level %msg%n[%ex]", e), "the stack trace starts a line of its own");
        assertEquals("INFO failed\n", format("%level %msg%n%nopex", e));
        assertEquals("INFO failed\n", format("%level %msg%nopex", e));
    }

    @Test
    void shouldKeepFramesOfEachThrowableForExShortAndExN() {
        DecodedRecord e = sample("x");
        throwable(e, TRACE);
        assertEquals("x\n\tjava.lang.IllegalStateException: boom\n"
                + "\t\tat demo.Worker.run(Worker.java:10)\n"
                + "\t\tSuppressed: java.lang.RuntimeException: cleanup\n"
                + "\t\t\tat demo.Worker.close(Worker.java:20)\n"
                + "\tCaused by: java.io.IOException: disk\n"
                + "\tfull\n"
                + "\t\tat demo.Disk.write(Disk.java:5)\n", format("%msg%n%ex{short}", e));
        assertEquals(format("%msg%n%ex{short}", e), format("%msg%n%ex{1}", e));
        assertEquals("x\n\tjava.lang.IllegalStateException: boom\n"
                + "\t\tSuppressed: java.lang.RuntimeException: cleanup\n"
                + "\tCaused by: java.io.IOException: disk\n"
                + "\tfull\n", format("%msg%n%ex{0}", e));
        assertEquals("x\n\t" + TRACE.substring(0, TRACE.length() - 1).replace("\n", "\n\t") + "\n",
                format("%msg%n%exception{full}", e));
        assertEquals(format("%msg%n%ex", e), format("%msg%n%throwable{FULL}", e));
    }

    @Test
    void shouldFormatEachSecondOnceAndEachFractionFromTheRecord() {
        PatternFormat f = PatternFormat.compile("%d{HH:mm:ss.SSS|SSSSSS}", UTC);
        DecodedRecord e = sample("x");
        String[] instants = {"2026-11-25T05:07:12.000000001Z", "2026-11-25T05:07:12.999999999Z",
                "2026-11-25T05:07:13.000999Z", "1969-12-31T23:59:59.5Z", "2026-11-25T05:07:12.010203Z"};
        String[] expected = {"05:07:12.000|000000", "05:07:12.999|999999", "05:07:13.000|000999",
                "23:59:59.500|500000", "05:07:12.010|010203"};
        for (int i = 0; i < instants.length; i++) {
            e.timestampNanos = TestEvents.nanos(instants[i]);
            StringBuilder out = new StringBuilder();
            f.format(e, out);
            assertEquals(expected[i] + "\n", out.toString(), instants[i]);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '#', value = {
            "%d{QQQQQQ} # bad date pattern 'QQQQQQ' of %d at position 0: Too many pattern letters: Q",
            "%d{SSSSSSSSSS} # bad date pattern 'SSSSSSSSSS' of %d at position 0: more than 9 S",
            "x %d{HH:mm:ss.nnn} # bad date pattern 'HH:mm:ss.nnn' of %d at position 2: 'n' is not supported (S to SSSSSSSSS give fractions of a second)",
            "%d{HH, Mars/Olympus} # unknown time zone 'Mars/Olympus' of %d at position 0",
            "%d{HH, UTC, not_a_locale} # bad locale 'not_a_locale' of %d at position 0",
            "%d{HH, UTC, en, x} # %d at position 0 takes a pattern, a time zone and a locale at most",
            "%logger{x} # bad option 'x' of %logger at position 0 (expected a length, 0 or more)",
            "%-5level %c{-1} # bad option '-1' of %c at position 9 (expected a length, 0 or more)",
            "%ex{long} # bad option 'long' of %ex at position 0 (expected full, short or a number of frames)",
            "%kv{BACKTICK} # bad option 'BACKTICK' of %kv at position 0 (expected DOUBLE, SINGLE or NONE)",
            "%msg %level{3} # %level at position 5 takes no options",
            "%mdc{a, b} # %mdc at position 0 takes one key at most",
            "%d %-5level %foo # unknown conversion word %foo at position 12"})
    void shouldRefuseABadPatternWithThePosition(String pattern, String message) {
        assertEquals(message, error(pattern));
    }

    @Test
    void shouldGiveTheDefaultPatternToTheTextFormatAndOthersToThePatternFormat() {
        assertInstanceOf(TextFormat.class, RecordFormat.of("text", PatternSyntax.DEFAULT, UTC));
        assertInstanceOf(TextFormat.class, RecordFormat.of("text", null, UTC));
        assertInstanceOf(PatternFormat.class, RecordFormat.of("TEXT", "%msg", UTC));
        assertInstanceOf(OtelFormat.class, RecordFormat.of("otel", null, UTC));
        assertEquals("a pattern is for the text format only, not json",
                assertThrows(IllegalArgumentException.class, () -> RecordFormat.of("json", "%msg", UTC)).getMessage());
        assertEquals("unknown conversion word %foo at position 0",
                assertThrows(IllegalArgumentException.class, () -> RecordFormat.of("text", "%foo", UTC)).getMessage());
        DecodedRecord e = rich();
        throwable(e, "java.lang.Error: x\n\tat a.b(C.java:1)");
        StringBuilder text = new StringBuilder();
        new TextFormat(UTC).format(e, text);
        assertEquals(text.toString(), format(PatternSyntax.DEFAULT, e));
    }

    @Test
    void shouldCompileEveryConversionWordTheSyntaxKnows() {
        for (String word : PatternSyntax.words()) {
            assertTrue(format("%" + word, rich()).endsWith("\n"), word);
        }
    }

    @Test
    void shouldNotAllocatePerRecord() {
        PatternFormat f = PatternFormat.compile("%d{HH:mm:ss.SSS} %-5level %process[%pid] %host [%15.15thread] "
                + "%logger{10} %mdc %mdc{user} %kv %marker - %msg%n%ex{short}", UTC);
        DecodedRecord e = rich();
        throwable(e, TRACE);
        StringBuilder out = new StringBuilder(1 << 20);
        for (int i = 0; i < 20_000; i++) {
            out.setLength(0);
            f.format(e, out);
        }
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 100_000; i++) {
            out.setLength(0);
            f.format(e, out);
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(allocated < 100_000, allocated + " bytes allocated for 100,000 records");
        e.level = Level.ERROR;
        out.setLength(0);
        f.format(e, out);
        assertTrue(out.toString().startsWith("05:07:12.345 ERROR worker-2[4242] box-1 [           main] d.Worker "
                + "user=alice, req=r-7 alice amount=\"12.5\" currency=\"EUR\" AUDIT,PII - order 42 for alice\n"
                + "\tjava.lang.IllegalStateException: boom\n"), out.toString());
    }
}

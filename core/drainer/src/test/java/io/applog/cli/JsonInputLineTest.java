package io.applog.cli;

import io.applog.Level;
import io.applog.record.MutableRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** One line of {@code applog log --input json} into a record, or the one-line problem it has. */
class JsonInputLineTest {
    private static final JsonInputLine LINES = new JsonInputLine(Level.DEBUG, "cmd.logger");
    private static final String TIME = "2026-12-02T10:00:00.123456Z";
    private static final long TIME_NANOS = Instant.parse(TIME).getEpochSecond() * 1_000_000_000L + 123_456_000L;

    /** The record of a valid line; fails if the line is not one. */
    private static MutableRecord valid(String line) {
        MutableRecord r = new MutableRecord();
        assertNull(LINES.fill(line, r), line);
        return r;
    }

    private static List<Object> keyValues(MutableRecord r) {
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < r.keyValueCount(); i++) {
            out.add(r.keyAt(i));
            out.add(r.valueAt(i));
        }
        return out;
    }

    @Test
    void shouldFillEveryField() {
        MutableRecord r = valid("{\"time\":\"" + TIME + "\",\"level\":\"warning\",\"logger\":\"py.app\","
                + "\"thread\":\"T-1\",\"message\":\"a {} b\",\"exception\":\"Traceback\\n  line\","
                + "\"mdc\":{\"user\":\"ann\",\"req\":\"7\"},"
                + "\"kv\":{\"s\":\"x\",\"i\":1,\"l\":12345678901,\"big\":123456789012345678901234567890,"
                + "\"f\":1.5,\"nan\":NaN,\"t\":true,\"no\":false,\"z\":null}}");
        assertEquals(TIME_NANOS, r.timestampNanos());
        assertEquals(Level.WARN, r.level());
        assertEquals("py.app", r.logger());
        assertEquals("T-1", r.thread());
        assertEquals("a {} b", r.template());
        assertEquals(0, r.argumentCount(), "the message is a template without arguments: taken literally");
        assertEquals("Traceback\n  line", r.throwableText());
        Map<String, String> mdc = new LinkedHashMap<>();
        mdc.put("user", "ann");
        mdc.put("req", "7");
        assertEquals(List.copyOf(mdc.entrySet()), List.copyOf(r.mdc().entrySet()), "in the order of the line");
        assertEquals(java.util.Arrays.asList("s", "x", "i", 1, "l", 12345678901L, "big",
                "123456789012345678901234567890", "f", 1.5d, "nan", Double.NaN, "t", true, "no", false, "z", null),
                keyValues(r));
    }

    @Test
    void shouldTakeTheCommandsOptionsAndDefaultsForMissingOrNullFields() {
        for (String line : List.of("{}", " { } ", "{\"time\":null,\"level\":null,\"logger\":null,\"thread\":null,"
                + "\"message\":null,\"exception\":null,\"mdc\":null,\"kv\":null}")) {
            MutableRecord r = valid(line);
            assertEquals(0, r.timestampNanos(), line + ": the writer's clock");
            assertEquals(Level.DEBUG, r.level(), line);
            assertEquals("cmd.logger", r.logger(), line);
            assertNull(r.thread(), line + ": the command's thread");
            assertEquals("", r.template(), line);
            assertNull(r.throwableText(), line);
            assertNull(r.mdc(), line);
            assertEquals(0, r.keyValueCount(), line);
        }
    }

    @Test
    void shouldIgnoreUnknownFieldsWhateverTheyHold() {
        MutableRecord r = valid("{\"pid\":1,\"nested\":{\"a\":[1,{\"b\":[]}]},\"message\":\"m\",\"list\":[\"x\"]}");
        assertEquals("m", r.template());
        assertEquals(0, r.keyValueCount());
    }

    @ParameterizedTest
    @CsvSource({
            "trace, TRACE", "Debug, DEBUG", "INFO, INFO", "warn, WARN", "WARNING, WARN", "error, ERROR",
            "critical, ERROR", "CRITICAL, ERROR", "fatal, ERROR"})
    void shouldMapLevelNamesAsPythonNamesThem(String name, Level level) {
        assertEquals(level, valid("{\"level\":\"" + name + "\"}").level());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "2026-12-02T10:00:00.123456Z        | 1796205600123456000",
            "2026-12-02T11:00:00.123456+01:00   | 1796205600123456000",
            "2026-12-02T05:30:00.123456-04:30   | 1796205600123456000",
            "2026-12-02t10:00:00.123456z        | 1796205600123456000",
            "2026-12-02 10:00:00.123456Z        | 1796205600123456000",
            "2026-12-02T10:00:00Z               | 1796205600000000000",
            "2026-12-02T10:00:00.123456789Z     | 1796205600123456789",
            "1970-01-01T00:00:00.000000001Z     | 1",
            "1969-12-31T23:59:59Z               | -1000000000"})
    void shouldReadAnRfc3339TimeToTheNanosecond(String text, long nanos) {
        assertEquals(nanos, JsonInputLine.epochNanos(text));
        assertEquals(nanos, valid("{\"time\":\"" + text + "\"}").timestampNanos());
    }

    @Test
    void shouldReadAnIntegerTimeAsEpochNanoseconds() {
        assertEquals(1796205600123456789L, valid("{\"time\":1796205600123456789}").timestampNanos());
        assertEquals(Long.MAX_VALUE, valid("{\"time\":" + Long.MAX_VALUE + "}").timestampNanos());
    }

    @Test
    void shouldRefuseTimesBeyondALongOfNanoseconds() {
        assertThrows(ArithmeticException.class, () -> JsonInputLine.epochNanos("2263-01-01T00:00:00Z"));
        assertThrows(ArithmeticException.class, () -> JsonInputLine.epochNanos("1677-01-01T00:00:00Z"));
    }

    static Stream<List<String>> invalid() {
        String time = "field \"time\" must be an RFC 3339 time such as 2026-12-02T10:00:00.123456Z or an integer"
                + " of epoch nanoseconds";
        String level = "field \"level\" must be TRACE, DEBUG, INFO, WARN or ERROR (or WARNING, CRITICAL, FATAL)";
        return Stream.of(
                List.of("not json", "not valid JSON: Unrecognized token 'not': was expecting (JSON String, Number"
                        + " (or 'NaN'/'+INF'/'-INF'), Array, Object or token 'null', 'true' or 'false')"),
                List.of("{\"message\":\"cut", "not valid JSON: Unexpected end-of-input: was expecting closing quote"
                        + " for a string value"),
                List.of("{\"a\":1,\"a\":2}", "not valid JSON: Duplicate field 'a'"),
                List.of("[1,2]", "not a JSON object"),
                List.of("\"text\"", "not a JSON object"),
                List.of("42", "not a JSON object"),
                List.of("null", "not a JSON object"),
                List.of("{} {}", "text after the JSON object"),
                List.of("{\"time\":1.5}", time),
                List.of("{\"time\":true}", time),
                List.of("{\"time\":123456789012345678901234567890}", time),
                List.of("{\"time\":\"yesterday\"}", time + ", not \"yesterday\""),
                List.of("{\"time\":\"2026-12-02T10:00:00\"}", time + ", not \"2026-12-02T10:00:00\""),
                List.of("{\"time\":\"2026-02-30T10:00:00Z\"}", time + ", not \"2026-02-30T10:00:00Z\""),
                List.of("{\"time\":\"3000-01-01T00:00:00Z\"}", time + ", not \"3000-01-01T00:00:00Z\""),
                List.of("{\"level\":\"LOUD\"}", level + ", not \"LOUD\""),
                List.of("{\"level\":\"OFF\"}", level + ", not \"OFF\""),
                List.of("{\"level\":\"\\u001b[2J\"}", level + ", not \"\\u001B[2J\""),
                List.of("{\"level\":30}", "field \"level\" must be a string: TRACE, DEBUG, INFO, WARN or ERROR"
                        + " (or WARNING, CRITICAL, FATAL)"),
                List.of("{\"logger\":1}", "field \"logger\" must be a string"),
                List.of("{\"thread\":[]}", "field \"thread\" must be a string"),
                List.of("{\"message\":{\"a\":1}}", "field \"message\" must be a string"),
                List.of("{\"exception\":false}", "field \"exception\" must be a string"),
                List.of("{\"mdc\":3}", "field \"mdc\" must be an object"),
                List.of("{\"mdc\":[\"a\"]}", "field \"mdc\" must be an object"),
                List.of("{\"mdc\":{\"user\":1}}", "field \"mdc\" must be an object of strings: \"user\" is not a string"),
                List.of("{\"kv\":\"a=1\"}", "field \"kv\" must be an object"),
                List.of("{\"kv\":{\"x\":[1]}}", "field \"kv\" must be an object of strings, numbers, booleans or"
                        + " null: \"x\" is none of them"),
                List.of("{\"kv\":{\"x\":{}}}", "field \"kv\" must be an object of strings, numbers, booleans or"
                        + " null: \"x\" is none of them"));
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void shouldSayWhatIsWrongWithALineInOneLine(List<String> lineAndProblem) {
        assertEquals(lineAndProblem.get(1), LINES.fill(lineAndProblem.get(0), new MutableRecord()));
    }

    @Test
    void shouldQuoteABadValueEscapedAndCut() {
        String level = "x".repeat(100) + "\n";
        assertEquals("\"" + "x".repeat(64) + "...\"", JsonInputLine.quoted(level));
        assertEquals("\"a\\u000Ab\\u2028\"", JsonInputLine.quoted("a\nb\u2028"));
    }

    @Test
    void shouldMakeABadLineAWarnRecordHoldingTheRawLine() {
        MutableRecord r = new MutableRecord();
        String line = "{\"message\":\"half\",\"level\":\"error\",\"mdc\":3,\"thread\":\"t {}\"}";
        assertEquals("field \"mdc\" must be an object", LINES.fill(line, r));
        LINES.fillInvalid(line, r);
        assertEquals(Level.WARN, r.level());
        assertEquals("cmd.logger", r.logger());
        assertEquals(line, r.template());
        assertEquals(0, r.argumentCount());
        assertNull(r.thread());
        assertNull(r.mdc());
        assertEquals(0, r.timestampNanos());
    }
}

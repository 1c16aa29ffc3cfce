package io.applog.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.applog.Level;
import io.applog.record.DecodedRecord;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.applog.format.TestEvents.kv;
import static io.applog.format.TestEvents.mdc;
import static io.applog.format.TestEvents.sample;
import static io.applog.format.TestEvents.throwable;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonFormatTest {
    private static final String HEAD = "{\"time\":\"2026-11-25T05:07:12.345678901Z\",\"level\":\"INFO\","
            + "\"process\":\"worker-2\",\"pid\":4242,\"thread\":\"main\",\"logger\":\"demo.Worker\",";
    private static final String CORPUS =
            "\r|\n|\u0000|\u001B[2J|\u001B]0;title\u0007|\u009B|\u2028|\u202E|\uD800|\uDC00|\uD83D\uDE00";
    private static final JsonFactory PARSERS = new JsonFactory();

    private final JsonFormat format = new JsonFormat();

    private String format(DecodedRecord e) {
        StringBuilder out = new StringBuilder();
        format.format(e, out);
        String line = out.toString();
        assertTrue(line.endsWith("\n"), line);
        assertEquals(line.length() - 1, line.indexOf('\n'), "exactly one line break, at the end: " + line);
        assertEquals(-1, line.indexOf('\r'), line);
        return line;
    }

    /** Top-level fields in order; nested objects become ordered maps. */
    private static Map<String, Object> parse(String line) throws IOException {
        try (JsonParser p = PARSERS.createParser(line)) {
            assertEquals(JsonToken.START_OBJECT, p.nextToken());
            Map<String, Object> fields = readObject(p);
            assertNull(p.nextToken(), "one value per line");
            return fields;
        }
    }

    private static Map<String, Object> readObject(JsonParser p) throws IOException {
        Map<String, Object> fields = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            if (value == JsonToken.START_OBJECT) {
                fields.put(name, readObject(p));
            } else if (value == JsonToken.VALUE_NUMBER_INT) {
                fields.put(name, p.getLongValue());
            } else {
                assertEquals(JsonToken.VALUE_STRING, value, name);
                fields.put(name, p.getText());
            }
        }
        return fields;
    }

    @Test
    void minimalRecordExactly() throws IOException {
        String line = format(sample("message {}", "text"));
        assertEquals(HEAD + "\"message\":\"message text\"}\n", line);
        assertEquals(List.of("time", "level", "process", "pid", "thread", "logger", "message"),
                new ArrayList<>(parse(line).keySet()));
    }

    @Test
    void fullRecordExactlyAndInOrder() throws IOException {
        DecodedRecord e = sample("failed {}", "job-7");
        e.level = Level.WARN;
        throwable(e, "java.lang.IllegalStateException: boom\n\tat demo.Worker.run(Worker.java:10)\r\n\n");
        mdc(e, "user", "alice");
        mdc(e, "req", "r-1");
        kv(e, "k", "v");
        String line = format(e);
        assertEquals(HEAD.replace("INFO", "WARN") + "\"message\":\"failed job-7\","
                + "\"exception\":\"java.lang.IllegalStateException: boom\\n\\tat demo.Worker.run(Worker.java:10)\","
                + "\"mdc\":{\"user\":\"alice\",\"req\":\"r-1\"},\"kv\":{\"k\":\"v\"}}\n", line);

        Map<String, Object> fields = parse(line);
        assertEquals(List.of("time", "level", "process", "pid", "thread", "logger", "message",
                "exception", "mdc", "kv"), new ArrayList<>(fields.keySet()));
        assertEquals(4242L, fields.get("pid"));
        assertEquals("java.lang.IllegalStateException: boom\n\tat demo.Worker.run(Worker.java:10)",
                fields.get("exception"));
        assertEquals(List.of("user", "req"), new ArrayList<>(((Map<?, ?>) fields.get("mdc")).keySet()));
        assertEquals(Map.of("k", "v"), fields.get("kv"));
    }

    @Test
    void optionalFieldsAbsentWhenEmpty() throws IOException {
        DecodedRecord e = sample("m");
        e.throwable.append("stale");
        e.mdcKey(0).append("stale");
        kv(e, "only", "kv");
        Map<String, Object> fields = parse(format(e));
        assertFalse(fields.containsKey("exception"));
        assertFalse(fields.containsKey("mdc"));
        assertEquals(Map.of("only", "kv"), fields.get("kv"));
    }

    @Test
    void nullTemplateIsTheTextNull() throws IOException {
        assertEquals(HEAD + "\"message\":\"null\"}\n", format(sample(null, "x")));
    }

    @Test
    void messageIsFilledButNotTextEscaped() throws IOException {
        String line = format(sample("a \\{} {} %s ${jndi:ldap://x}", "\"q\"\\"));
        assertEquals(HEAD + "\"message\":\"a {} \\\"q\\\"\\\\ %s ${jndi:ldap://x}\"}\n", line);
        assertEquals("a {} \"q\"\\ %s ${jndi:ldap://x}", parse(line).get("message"));
    }

    @Test
    void corpusIsEscaped() throws IOException {
        DecodedRecord e = sample(CORPUS);
        e.thread.setLength(0);
        e.thread.append(CORPUS);
        mdc(e, "k\u2028\u001B", CORPUS);
        throwable(e, CORPUS);
        String line = format(e);
        String escaped = "\\r|\\n|\\u0000|\\u001B[2J|\\u001B]0;title\\u0007|\\u009B|\\u2028|\\u202E"
                + "|\uFFFD|\uFFFD|\uD83D\uDE00";
        assertEquals("{\"time\":\"2026-11-25T05:07:12.345678901Z\",\"level\":\"INFO\",\"process\":\"worker-2\","
                + "\"pid\":4242,\"thread\":\"" + escaped + "\",\"logger\":\"demo.Worker\","
                + "\"message\":\"" + escaped + "\",\"exception\":\"" + escaped + "\","
                + "\"mdc\":{\"k\\u2028\\u001B\":\"" + escaped + "\"}}\n", line);
        for (String raw : new String[] {"\u001B", "\u0007", "\u009B", "\u2028", "\u202E", "\u0000", "\r"}) {
            assertEquals(-1, line.indexOf(raw), "raw char " + (int) raw.charAt(0));
        }

        String decoded = "\r|\n|\u0000|\u001B[2J|\u001B]0;title\u0007|\u009B|\u2028|\u202E"
                + "|\uFFFD|\uFFFD|\uD83D\uDE00";
        Map<String, Object> fields = parse(line);
        assertEquals(decoded, fields.get("message"));
        assertEquals(decoded, fields.get("thread"));
        assertEquals(decoded, fields.get("exception"));
        assertEquals(Map.of("k\u2028\u001B", decoded), fields.get("mdc"));
    }

    @Test
    void extraCharactersAreEscaped() throws IOException {
        String line = format(sample(
                "\u007F\u0080\u009F\u2029\u200E\u200F\u202A\u202D\u2066\u2069\uFEFF\u00E9\u00A0\t"));
        assertEquals(HEAD + "\"message\":\"\\u007F\\u0080\\u009F\\u2029\\u200E\\u200F\\u202A\\u202D"
                + "\\u2066\\u2069\\uFEFF\u00E9\u00A0\\t\"}\n", line);
    }

    @Test
    void unpairedSurrogatesInEveryStringField() throws IOException {
        DecodedRecord e = sample("\uDC00x\uD800");
        e.process = "p\uD800";
        e.logger.setLength(0);
        e.logger.append("\uD83D\uDE00\uDE00");
        kv(e, "\uD800", "\uDFFF");
        Map<String, Object> fields = parse(format(e));
        assertEquals("p\uFFFD", fields.get("process"));
        assertEquals("\uD83D\uDE00\uFFFD", fields.get("logger"));
        assertEquals("\uFFFDx\uFFFD", fields.get("message"));
        assertEquals(Map.of("\uFFFD", "\uFFFD"), fields.get("kv"));
        assertEquals('\uD800', e.process.charAt(1), "input untouched");
    }

    @Test
    void consecutiveRecordsAreSeparateLines() throws IOException {
        StringBuilder out = new StringBuilder("prefix\n");
        DecodedRecord e = sample("one");
        format.format(e, out);
        mdc(e, "a", "1");
        format.format(e, out);
        StringBuilder other = new StringBuilder();
        format.format(sample("three"), other);
        assertEquals("prefix\n" + HEAD + "\"message\":\"one\"}\n"
                + HEAD + "\"message\":\"one\",\"mdc\":{\"a\":\"1\"}}\n", out.toString());
        assertEquals(HEAD + "\"message\":\"three\"}\n", other.toString());
    }

    @Test
    void manyKeysAndLargeValues() throws IOException {
        DecodedRecord e = sample("{}", "x".repeat(100_000));
        for (int i = 0; i < 200; i++) {
            kv(e, "key" + (i % 100), "v" + i);
        }
        String line = format(e);
        Map<String, Object> fields = parse(line);
        assertEquals(100_000, ((String) fields.get("message")).length());
        assertTrue(line.contains("\"key0\":\"v0\""));
        assertTrue(line.contains("\"key99\":\"v199\"}}"));
        assertEquals(HEAD + "\"message\":\"small\"}\n", format(sample("small")));
    }
}

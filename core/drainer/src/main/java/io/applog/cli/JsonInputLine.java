package io.applog.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import io.applog.Level;
import io.applog.internal.TextEscaper;
import io.applog.record.MutableRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One line of {@code applog log --input json}: a JSON object whose fields fill a
 * {@link MutableRecord}, read with Jackson's streaming parser (no object mapping). Fields, each
 * optional, {@code null} being the same as absent, unknown ones ignored:
 *
 * <pre>
 * time       RFC 3339 string (2026-12-02T10:00:00.123456Z, +01:00) or integer epoch nanoseconds
 * level      TRACE, DEBUG, INFO, WARN, ERROR (any case; also WARNING, CRITICAL, FATAL)
 * logger     string                      thread     string
 * message    string, taken literally     exception  string (a stack trace as text)
 * mdc        object of strings           kv         object of strings, numbers, booleans, null
 * </pre>
 *
 * <p>A missing level or logger is the command's; a missing message is empty; a missing thread is
 * the command's own thread. The message is the record's template with no arguments, so a
 * {@code {}} in it stays as it is. The time goes to the writer, which keeps it only within the
 * bounds of its merge order ({@link io.applog.writer.QueueWriter#append}).
 */
final class JsonInputLine {
    /** Duplicate names are refused (which one would count?); NaN and Infinity are accepted as Python writes them. */
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();
    private static final DateTimeFormatter RFC_3339 = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_OFFSET_DATE_TIME)
            .toFormatter(Locale.ROOT)
            .withResolverStyle(ResolverStyle.STRICT)
            .withChronology(IsoChronology.INSTANCE);
    private static final int MAX_QUOTED = 64;
    static final String TIME_EXPECTED = "an RFC 3339 time such as 2026-12-02T10:00:00.123456Z"
            + " or an integer of epoch nanoseconds";
    static final String LEVEL_EXPECTED = "TRACE, DEBUG, INFO, WARN or ERROR (or WARNING, CRITICAL, FATAL)";

    private final Level level;
    private final String logger;

    /** Lines whose records default to {@code level} and {@code logger} (the command's options). */
    JsonInputLine(Level level, String logger) {
        this.level = level;
        this.logger = logger;
    }

    /**
     * Fills {@code record} (empty) from {@code line}: null if the line is a valid record, else
     * what is wrong with it, as one line (the record is then half filled: reset it).
     */
    String fill(String line, MutableRecord record) {
        try (JsonParser p = JSON.createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return "not a JSON object";
            }
            record.level(level).logger(logger).template("");
            for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                final String name = p.currentName();
                if (p.nextToken() == JsonToken.VALUE_NULL) {
                    continue;
                }
                final String problem = field(name, p, record);
                if (problem != null) {
                    return problem;
                }
            }
            if (p.nextToken() != null) {
                return "text after the JSON object";
            }
            return null;
        } catch (JsonProcessingException e) {
            return "not valid JSON: " + oneLine(e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a parser over a String does no I/O
        }
    }

    /**
     * Fills {@code record} (half filled by {@link #fill}) afresh as the record of a line that is
     * not a valid record: WARN, the command's logger, the raw line as a literal message.
     */
    void fillInvalid(String line, MutableRecord record) {
        record.reset();
        record.level(Level.WARN).logger(logger).template(line);
    }

    /** Reads the value of field {@code name} (the parser is on it) into {@code record}; null or the problem. */
    private static String field(String name, JsonParser p, MutableRecord record) throws IOException {
        switch (name) {
            case "time":
                return time(p, record);
            case "level":
                return level(p, record);
            case "logger":
            case "thread":
            case "message":
            case "exception":
                if (p.currentToken() != JsonToken.VALUE_STRING) {
                    return "field \"" + name + "\" must be a string";
                }
                text(name, p.getText(), record);
                return null;
            case "mdc":
                return mdc(p, record);
            case "kv":
                return kv(p, record);
            default:
                p.skipChildren(); // unknown fields are ignored
                return null;
        }
    }

    private static void text(String name, String value, MutableRecord record) {
        switch (name) {
            case "logger": record.logger(value); break;
            case "thread": record.thread(value); break;
            case "message": record.template(value); break;
            default: record.throwableText(value); break;
        }
    }

    private static String time(JsonParser p, MutableRecord record) throws IOException {
        final JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
            record.timestampNanos(p.getLongValue());
            return null;
        }
        if (t == JsonToken.VALUE_STRING) {
            final String text = p.getText();
            try {
                record.timestampNanos(epochNanos(text));
                return null;
            } catch (DateTimeParseException | ArithmeticException e) {
                return "field \"time\" must be " + TIME_EXPECTED + ", not " + quoted(text);
            }
        }
        return "field \"time\" must be " + TIME_EXPECTED;
    }

    /**
     * Epoch nanoseconds of an RFC 3339 time: date, {@code T} (or {@code t} or a space), time
     * with up to nine fraction digits, and {@code Z} or an offset.
     *
     * @throws DateTimeParseException if {@code text} is not such a time
     * @throws ArithmeticException    if it is beyond the years 1677-2262 of a long of nanoseconds
     */
    static long epochNanos(String text) {
        final String s = text.length() > 10 && text.charAt(10) == ' '
                ? text.substring(0, 10) + 'T' + text.substring(11)
                : text;
        final Instant i = OffsetDateTime.parse(s, RFC_3339).toInstant();
        return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000_000L), i.getNano());
    }

    private static String level(JsonParser p, MutableRecord record) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            return "field \"level\" must be a string: " + LEVEL_EXPECTED;
        }
        final String name = p.getText();
        Level parsed;
        try {
            parsed = "CRITICAL".equalsIgnoreCase(name.trim()) ? Level.ERROR : Level.parse(name);
        } catch (IllegalArgumentException e) {
            parsed = Level.OFF;
        }
        if (parsed == Level.OFF) {
            return "field \"level\" must be " + LEVEL_EXPECTED + ", not " + quoted(name);
        }
        record.level(parsed);
        return null;
    }

    private static String mdc(JsonParser p, MutableRecord record) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            return "field \"mdc\" must be an object";
        }
        final Map<String, String> mdc = new LinkedHashMap<>();
        for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
            final String key = p.currentName();
            final JsonToken v = p.nextToken();
            if (v == JsonToken.VALUE_STRING) {
                mdc.put(key, p.getText());
            } else if (v != JsonToken.VALUE_NULL) {
                return "field \"mdc\" must be an object of strings: " + quoted(key) + " is not a string";
            }
        }
        record.mdc(mdc);
        return null;
    }

    private static String kv(JsonParser p, MutableRecord record) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            return "field \"kv\" must be an object";
        }
        for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
            final String key = p.currentName();
            final Object value;
            switch (p.nextToken()) {
                case VALUE_STRING: value = p.getText(); break;
                case VALUE_NUMBER_INT: value = integer(p); break;
                case VALUE_NUMBER_FLOAT: value = p.getDoubleValue(); break;
                case VALUE_TRUE: value = Boolean.TRUE; break;
                case VALUE_FALSE: value = Boolean.FALSE; break;
                case VALUE_NULL: value = null; break;
                default:
                    return "field \"kv\" must be an object of strings, numbers, booleans or null: "
                            + quoted(key) + " is none of them";
            }
            record.keyValue(key, value);
        }
        return null;
    }

    /** An int or long as it is; a larger integer as its digits (a record holds no big numbers). */
    private static Object integer(JsonParser p) throws IOException {
        switch (p.getNumberType()) {
            case INT: return p.getIntValue();
            case LONG: return p.getLongValue();
            default: return p.getText();
        }
    }

    /** {@code s} in double quotes, escaped to stay on one line, cut after {@value #MAX_QUOTED} chars. */
    static String quoted(String s) {
        final StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        TextEscaper.appendField(s, 0, Math.min(s.length(), MAX_QUOTED), out);
        if (s.length() > MAX_QUOTED) {
            out.append("...");
        }
        return out.append('"').toString();
    }

    private static String oneLine(String s) {
        final StringBuilder out = new StringBuilder(s.length());
        TextEscaper.appendField(s, out);
        return out.toString();
    }
}

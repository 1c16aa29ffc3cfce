package io.applog.format;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import io.applog.Level;
import io.applog.record.DecodedRecord;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * One OTLP/JSON {@code ExportLogsServiceRequest} per line, the encoding of the OpenTelemetry
 * logs data model that the Collector's {@code otlpjsonfile} receiver reads:
 *
 * <pre>
 * {"resourceLogs":[{"resource":{"attributes":[service.name, host.name, process.pid]},
 *  "scopeLogs":[{"scope":{"name":"demo.Worker"},"logRecords":[{
 *   "timeUnixNano":"1795583232345678901","observedTimeUnixNano":"1795583232345678901",
 *   "severityNumber":9,"severityText":"INFO","body":{"stringValue":"message text"},
 *   "attributes":[thread.name, code.namespace, MDC..., key-values..., exception.type,
 *                 exception.message, exception.stacktrace],
 *   "flags":1,"traceId":"5b8efff798038103d269b633813fc60c","spanId":"eee19b7ec3c1b174"}]}]}]}
 * </pre>
 *
 * <p>(shown wrapped; the output is one line). As OTLP/JSON asks, 64-bit integers are strings
 * and trace and span ids are hex. The resource is the writer process: {@code service.name} its
 * process name, {@code host.name} (when known), {@code process.pid}; the instrumentation scope is
 * the logger, as the OpenTelemetry logging bridges name it. Both times are the record's: the
 * writer took it when the record was logged (a time before 1970, which OTLP cannot hold, is
 * written as 0, "unknown"). Severity numbers: TRACE 1, DEBUG 5, INFO 9, WARN
 * 13, ERROR 17. Every attribute value is a string. The MDC keys {@code trace_id},
 * {@code span_id} and {@code trace_flags} that the OpenTelemetry Java agent sets become
 * {@code traceId}, {@code spanId} and {@code flags} when they hold hex of the right length
 * (else they stay attributes); an MDC entry whose key a key-value pair has too is left out
 * (attribute keys are unique). The exception's type and message come from the first line of its
 * stack trace ({@code Type: message}).
 *
 * <p>Strings are escaped as in {@link JsonFormat}. Not thread-safe: use one instance per thread.
 */
public final class OtelFormat implements RecordFormat {
    private static final SerializableString RESOURCE_LOGS = new SerializedString("resourceLogs");
    private static final SerializableString RESOURCE = new SerializedString("resource");
    private static final SerializableString ATTRIBUTES = new SerializedString("attributes");
    private static final SerializableString SCOPE_LOGS = new SerializedString("scopeLogs");
    private static final SerializableString SCOPE = new SerializedString("scope");
    private static final SerializableString NAME = new SerializedString("name");
    private static final SerializableString LOG_RECORDS = new SerializedString("logRecords");
    private static final SerializableString TIME = new SerializedString("timeUnixNano");
    private static final SerializableString OBSERVED_TIME = new SerializedString("observedTimeUnixNano");
    private static final SerializableString SEVERITY_NUMBER = new SerializedString("severityNumber");
    private static final SerializableString SEVERITY_TEXT = new SerializedString("severityText");
    private static final SerializableString BODY = new SerializedString("body");
    private static final SerializableString FLAGS = new SerializedString("flags");
    private static final SerializableString TRACE_ID = new SerializedString("traceId");
    private static final SerializableString SPAN_ID = new SerializedString("spanId");
    private static final SerializableString KEY = new SerializedString("key");
    private static final SerializableString VALUE = new SerializedString("value");
    private static final SerializableString STRING_VALUE = new SerializedString("stringValue");
    private static final SerializableString INT_VALUE = new SerializedString("intValue");

    private static final SerializableString SERVICE_NAME = new SerializedString("service.name");
    private static final SerializableString HOST_NAME = new SerializedString("host.name");
    private static final SerializableString PROCESS_PID = new SerializedString("process.pid");
    private static final SerializableString THREAD_NAME = new SerializedString("thread.name");
    private static final SerializableString CODE_NAMESPACE = new SerializedString("code.namespace");
    private static final SerializableString EXCEPTION_TYPE = new SerializedString("exception.type");
    private static final SerializableString EXCEPTION_MESSAGE = new SerializedString("exception.message");
    private static final SerializableString EXCEPTION_STACKTRACE = new SerializedString("exception.stacktrace");
    private static final SerializableString NULL_MESSAGE = new SerializedString("null");

    /** MDC keys of the OpenTelemetry Java agent, and the hex digits each must hold. */
    static final String TRACE_ID_KEY = "trace_id";
    static final String SPAN_ID_KEY = "span_id";
    static final String TRACE_FLAGS_KEY = "trace_flags";
    private static final int TRACE_ID_HEX = 32;
    private static final int SPAN_ID_HEX = 16;
    private static final int TRACE_FLAGS_HEX = 2;

    private static final int[] SEVERITY = severities();
    private static final SerializableString[] LEVELS = levelNames();
    private static final int INITIAL_CAPACITY = 256;
    private static final int MAX_RETAINED_CAPACITY = 1 << 16;

    private final JsonStrings strings = new JsonStrings();
    private final JsonStrings.CharLine line = new JsonStrings.CharLine();
    private final JsonStrings.Body body = this::writeRequest;
    private StringBuilder message = new StringBuilder(INITIAL_CAPACITY);
    /** Room for the decimal digits of a long and the hex digits of a trace id. */
    private final char[] digits = new char[TRACE_ID_HEX];

    @Override
    public void format(DecodedRecord event, StringBuilder out) {
        event.decodePlain();
        try {
            line.append(event, out, body);
        } finally {
            strings.trim();
            if (message.capacity() > MAX_RETAINED_CAPACITY) {
                message = new StringBuilder(INITIAL_CAPACITY);
            }
        }
    }

    private void writeRequest(DecodedRecord event, JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeFieldName(RESOURCE_LOGS);
        g.writeStartArray();
        g.writeStartObject();
        g.writeFieldName(RESOURCE);
        writeResource(event, g);
        g.writeFieldName(SCOPE_LOGS);
        g.writeStartArray();
        g.writeStartObject();
        g.writeFieldName(SCOPE);
        g.writeStartObject();
        g.writeFieldName(NAME);
        strings.write(g, event.logger, event.logger.length());
        g.writeEndObject();
        g.writeFieldName(LOG_RECORDS);
        g.writeStartArray();
        writeLogRecord(event, g);
        g.writeEndArray();
        g.writeEndObject();
        g.writeEndArray();
        g.writeEndObject();
        g.writeEndArray();
        g.writeEndObject();
    }

    private void writeResource(DecodedRecord event, JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeFieldName(ATTRIBUTES);
        g.writeStartArray();
        final String process = event.process == null ? "" : event.process;
        attribute(g, SERVICE_NAME, process, 0, process.length());
        if (event.host != null && !event.host.isEmpty()) {
            attribute(g, HOST_NAME, event.host, 0, event.host.length());
        }
        g.writeStartObject();
        g.writeFieldName(KEY);
        g.writeString(PROCESS_PID);
        g.writeFieldName(VALUE);
        g.writeStartObject();
        g.writeFieldName(INT_VALUE);
        writeDecimal(g, event.pid);
        g.writeEndObject();
        g.writeEndObject();
        g.writeEndArray();
        g.writeEndObject();
    }

    private void writeLogRecord(DecodedRecord event, JsonGenerator g) throws IOException {
        g.writeStartObject();
        // fixed64: a time before 1970 cannot be written, and 0 is OTLP's "unknown"
        final long time = Math.max(0, event.timestampNanos);
        g.writeFieldName(TIME);
        writeDecimal(g, time);
        g.writeFieldName(OBSERVED_TIME);
        writeDecimal(g, time);
        g.writeFieldName(SEVERITY_NUMBER);
        g.writeNumber(SEVERITY[event.level.ordinal()]);
        g.writeFieldName(SEVERITY_TEXT);
        g.writeString(LEVELS[event.level.ordinal()]);

        g.writeFieldName(BODY);
        g.writeStartObject();
        g.writeFieldName(STRING_VALUE);
        if (event.hasTemplate) {
            final StringBuilder m = message;
            m.setLength(0);
            Placeholders.fill(event.template, event.args, event.argCount, m);
            strings.write(g, m, m.length());
        } else {
            g.writeString(NULL_MESSAGE);
        }
        g.writeEndObject();

        final int traceId = mdcHex(event, TRACE_ID_KEY, TRACE_ID_HEX);
        final int spanId = mdcHex(event, SPAN_ID_KEY, SPAN_ID_HEX);
        final int flags = mdcHex(event, TRACE_FLAGS_KEY, TRACE_FLAGS_HEX);

        g.writeFieldName(ATTRIBUTES);
        g.writeStartArray();
        attribute(g, THREAD_NAME, event.thread, 0, event.thread.length());
        attribute(g, CODE_NAMESPACE, event.logger, 0, event.logger.length());
        for (int i = 0; i < event.mdcCount; i++) {
            if (i != traceId && i != spanId && i != flags && !inKeyValues(event, event.mdcKeys[i])) {
                attribute(g, event.mdcKeys[i], event.mdcValues[i]);
            }
        }
        for (int i = 0; i < event.kvCount; i++) {
            attribute(g, event.kvKeys[i], event.kvValues[i]);
        }
        if (event.hasThrowable) {
            writeException(event.throwable, g);
        }
        g.writeEndArray();

        if (flags >= 0) {
            g.writeFieldName(FLAGS);
            g.writeNumber(Integer.parseUnsignedInt(event.mdcValues[flags], 0, TRACE_FLAGS_HEX, 16));
        }
        if (traceId >= 0) {
            g.writeFieldName(TRACE_ID);
            writeHex(g, event.mdcValues[traceId]);
        }
        if (spanId >= 0) {
            g.writeFieldName(SPAN_ID);
            writeHex(g, event.mdcValues[spanId]);
        }
        g.writeEndObject();
    }

    /** {@code exception.type}, {@code exception.message} (if any) and {@code exception.stacktrace}. */
    private void writeException(StringBuilder t, JsonGenerator g) throws IOException {
        final int end = TextFormat.trimmedLength(t);
        final int firstLine = StackTraceLines.lineEnd(t, 0, end);
        int colon = 0;
        while (colon < firstLine - 1 && !(t.charAt(colon) == ':' && t.charAt(colon + 1) == ' ')) {
            colon++;
        }
        final boolean hasMessage = colon < firstLine - 1;
        attribute(g, EXCEPTION_TYPE, t, 0, hasMessage ? colon : firstLine);
        if (hasMessage) {
            attribute(g, EXCEPTION_MESSAGE, t, colon + 2, messageEnd(t, firstLine, end));
        }
        attribute(g, EXCEPTION_STACKTRACE, t, 0, end);
    }

    /**
     * End of a throwable's message that starts on its first line ({@code firstLine} is that
     * line's end) and may go on over further lines, up to the first frame, {@code ... N more},
     * cause or suppressed line.
     */
    private static int messageEnd(CharSequence t, int firstLine, int end) {
        int messageEnd = firstLine;
        while (messageEnd < end) {
            int next = messageEnd + 1;
            if (t.charAt(messageEnd) == '\r' && next < end && t.charAt(next) == '\n') {
                next++;
            }
            final int nextEnd = StackTraceLines.lineEnd(t, next, end);
            if (StackTraceLines.kind(t, next, nextEnd) != StackTraceLines.TEXT
                    || StackTraceLines.beginsThrowable(t, next, nextEnd)) {
                return messageEnd;
            }
            messageEnd = nextEnd;
        }
        return end;
    }

    /** Index of the MDC entry {@code key} if its value is {@code hex} hex digits, else -1. */
    private static int mdcHex(DecodedRecord event, String key, int hex) {
        for (int i = 0; i < event.mdcCount; i++) {
            if (key.contentEquals(event.mdcKeys[i])) {
                final StringBuilder v = event.mdcValues[i];
                if (v.length() != hex) {
                    return -1;
                }
                for (int k = 0; k < hex; k++) {
                    if (Character.digit(v.charAt(k), 16) < 0) {
                        return -1;
                    }
                }
                return i;
            }
        }
        return -1;
    }

    private static boolean inKeyValues(DecodedRecord event, StringBuilder key) {
        for (int i = 0; i < event.kvCount; i++) {
            if (key.compareTo(event.kvKeys[i]) == 0) {
                return true;
            }
        }
        return false;
    }

    private void attribute(JsonGenerator g, SerializableString key, CharSequence value, int start, int end)
            throws IOException {
        g.writeStartObject();
        g.writeFieldName(KEY);
        g.writeString(key);
        writeStringValue(g, value, start, end);
    }

    private void attribute(JsonGenerator g, StringBuilder key, StringBuilder value) throws IOException {
        g.writeStartObject();
        g.writeFieldName(KEY);
        strings.write(g, key, key.length());
        writeStringValue(g, value, 0, value.length());
    }

    /** {@code "value":{"stringValue":...}}} closing the attribute object. */
    private void writeStringValue(JsonGenerator g, CharSequence value, int start, int end) throws IOException {
        g.writeFieldName(VALUE);
        g.writeStartObject();
        g.writeFieldName(STRING_VALUE);
        strings.write(g, value, start, end);
        g.writeEndObject();
        g.writeEndObject();
    }

    /** A 64-bit integer as a JSON string of its decimal digits (as OTLP/JSON writes them). */
    private void writeDecimal(JsonGenerator g, long value) throws IOException {
        final char[] d = digits;
        int p = d.length;
        long rest = value < 0 ? value : -value; // digits from the negative value, so Long.MIN_VALUE works
        do {
            d[--p] = (char) ('0' - rest % 10);
            rest /= 10;
        } while (rest != 0);
        if (value < 0) {
            d[--p] = '-';
        }
        g.writeString(d, p, d.length - p);
    }

    /** Hex digits (already checked) in lower case. */
    private void writeHex(JsonGenerator g, StringBuilder hex) throws IOException {
        final int n = hex.length();
        final char[] d = digits;
        for (int i = 0; i < n; i++) {
            d[i] = Character.toLowerCase(hex.charAt(i));
        }
        g.writeString(d, 0, n);
    }

    private static int[] severities() {
        final int[] numbers = new int[Level.values().length];
        numbers[Level.TRACE.ordinal()] = 1;
        numbers[Level.DEBUG.ordinal()] = 5;
        numbers[Level.INFO.ordinal()] = 9;
        numbers[Level.WARN.ordinal()] = 13;
        numbers[Level.ERROR.ordinal()] = 17;
        numbers[Level.OFF.ordinal()] = 17; // never in a record; read as ERROR
        return numbers;
    }

    private static SerializableString[] levelNames() {
        final Level[] levels = Level.values();
        final SerializableString[] names = new SerializableString[levels.length];
        for (int i = 0; i < levels.length; i++) {
            names[i] = new SerializedString(levels[i].name());
        }
        return names;
    }
}

package io.applog.format;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.applog.Level;
import io.applog.record.DecodedRecord;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.logs.v1.SeverityNumber;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.applog.format.TestEvents.kv;
import static io.applog.format.TestEvents.mdc;
import static io.applog.format.TestEvents.sample;
import static io.applog.format.TestEvents.throwable;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The otel format, read back with the official OTLP classes ({@code opentelemetry-proto}) and
 * protobuf's own JSON parser, which refuses unknown fields: every field of each record.
 */
class OtelFormatTest {
    private static final String TRACE_ID = "5b8efff798038103d269b633813fc60c";
    private static final String SPAN_ID = "eee19b7ec3c1b174";
    private static final Pattern ID = Pattern.compile("\"(traceId|spanId)\":\"([0-9a-f]*)\"");

    private final OtelFormat format = new OtelFormat();

    private String line(DecodedRecord e) {
        StringBuilder out = new StringBuilder();
        format.format(e, out);
        String line = out.toString();
        assertEquals(line.length() - 1, line.indexOf('\n'), "one line per record: " + line);
        return line;
    }

    /**
     * Parses a line as an OTLP receiver does: OTLP/JSON writes trace and span ids as hex where
     * protobuf's JSON mapping of bytes is base64, so they are turned into base64 first.
     */
    private static ExportLogsServiceRequest parse(String line) throws InvalidProtocolBufferException {
        Matcher m = ID.matcher(line);
        StringBuilder json = new StringBuilder();
        while (m.find()) {
            String base64 = Base64.getEncoder().encodeToString(HexFormat.of().parseHex(m.group(2)));
            m.appendReplacement(json, "\"" + m.group(1) + "\":\"" + base64 + "\"");
        }
        m.appendTail(json);
        ExportLogsServiceRequest.Builder request = ExportLogsServiceRequest.newBuilder();
        com.google.protobuf.util.JsonFormat.parser().merge(json.toString(), request);
        return request.build();
    }

    /** The one record of a request, after checking its resource and scope. */
    private static LogRecord only(ExportLogsServiceRequest request, List<String> resource, String scope) {
        assertEquals(1, request.getResourceLogsCount());
        ResourceLogs rl = request.getResourceLogs(0);
        assertEquals(resource, attributes(rl.getResource().getAttributesList()));
        assertEquals(0, rl.getResource().getDroppedAttributesCount());
        assertEquals("", rl.getSchemaUrl());
        assertEquals(1, rl.getScopeLogsCount());
        ScopeLogs sl = rl.getScopeLogs(0);
        assertEquals(scope, sl.getScope().getName());
        assertEquals("", sl.getScope().getVersion());
        assertEquals(0, sl.getScope().getAttributesCount());
        assertEquals("", sl.getSchemaUrl());
        assertEquals(1, sl.getLogRecordsCount());
        return sl.getLogRecords(0);
    }

    /** {@code key=value} of string values, {@code key=int:value} of integers. */
    private static List<String> attributes(List<KeyValue> list) {
        List<String> out = new ArrayList<>();
        for (KeyValue kv : list) {
            AnyValue v = kv.getValue();
            assertTrue(v.hasStringValue() || v.hasIntValue(), kv.toString());
            out.add(kv.getKey() + "=" + (v.hasIntValue() ? "int:" + v.getIntValue() : v.getStringValue()));
        }
        return out;
    }

    @Test
    void shouldWriteAnExportLogsServiceRequestWithEveryFieldOfARecord() throws Exception {
        DecodedRecord e = sample("order {} for {}", "42", "alice");
        e.host = "box-1";
        mdc(e, "user", "alice");
        kv(e, "marker", "AUDIT");
        kv(e, "amount", "12.5");
        String line = line(e);
        assertEquals("{\"resourceLogs\":[{\"resource\":{\"attributes\":["
                + "{\"key\":\"service.name\",\"value\":{\"stringValue\":\"worker-2\"}},"
                + "{\"key\":\"host.name\",\"value\":{\"stringValue\":\"box-1\"}},"
                + "{\"key\":\"process.pid\",\"value\":{\"intValue\":\"4242\"}}]},"
                + "\"scopeLogs\":[{\"scope\":{\"name\":\"demo.Worker\"},\"logRecords\":[{"
                + "\"timeUnixNano\":\"1795583232345678901\",\"observedTimeUnixNano\":\"1795583232345678901\","
                + "\"severityNumber\":9,\"severityText\":\"INFO\",\"body\":{\"stringValue\":\"order 42 for alice\"},"
                + "\"attributes\":[{\"key\":\"thread.name\",\"value\":{\"stringValue\":\"main\"}},"
                + "{\"key\":\"code.namespace\",\"value\":{\"stringValue\":\"demo.Worker\"}},"
                + "{\"key\":\"user\",\"value\":{\"stringValue\":\"alice\"}},"
                + "{\"key\":\"marker\",\"value\":{\"stringValue\":\"AUDIT\"}},"
                + "{\"key\":\"amount\",\"value\":{\"stringValue\":\"12.5\"}}]}]}]}]}\n", line);

        LogRecord r = only(parse(line), List.of("service.name=worker-2", "host.name=box-1", "process.pid=int:4242"),
                "demo.Worker");
        assertEquals(TestEvents.SAMPLE_NANOS, r.getTimeUnixNano());
        assertEquals(TestEvents.SAMPLE_NANOS, r.getObservedTimeUnixNano());
        assertEquals(SeverityNumber.SEVERITY_NUMBER_INFO, r.getSeverityNumber());
        assertEquals("INFO", r.getSeverityText());
        assertEquals("order 42 for alice", r.getBody().getStringValue());
        assertEquals(List.of("thread.name=main", "code.namespace=demo.Worker", "user=alice", "marker=AUDIT",
                "amount=12.5"), attributes(r.getAttributesList()));
        assertEquals(0, r.getDroppedAttributesCount());
        assertEquals(0, r.getFlags());
        assertEquals(ByteString.EMPTY, r.getTraceId());
        assertEquals(ByteString.EMPTY, r.getSpanId());
        assertEquals("", r.getEventName());
    }

    @Test
    void shouldGiveTheExceptionItsTypeMessageAndStacktrace() throws Exception {
        DecodedRecord e = sample("failed {}", "job-7");
        e.level = Level.ERROR;
        String trace = "java.lang.IllegalStateException: boom: twice\nsecond line\n"
                + "\tat demo.Worker.run(Worker.java:10)\n"
                + "Caused by: java.io.IOException: disk\n"
                + "\t... 1 more\n";
        throwable(e, trace);
        LogRecord r = only(parse(line(e)), List.of("service.name=worker-2", "process.pid=int:4242"), "demo.Worker");
        assertEquals(TestEvents.SAMPLE_NANOS, r.getTimeUnixNano());
        assertEquals(TestEvents.SAMPLE_NANOS, r.getObservedTimeUnixNano());
        assertEquals(SeverityNumber.SEVERITY_NUMBER_ERROR, r.getSeverityNumber());
        assertEquals("ERROR", r.getSeverityText());
        assertEquals("failed job-7", r.getBody().getStringValue());
        assertEquals(List.of("thread.name=main", "code.namespace=demo.Worker",
                "exception.type=java.lang.IllegalStateException",
                "exception.message=boom: twice\nsecond line",
                "exception.stacktrace=" + trace.substring(0, trace.length() - 1)), attributes(r.getAttributesList()));
        assertEquals(0, r.getFlags());
        assertEquals(ByteString.EMPTY, r.getTraceId());
        assertEquals(ByteString.EMPTY, r.getSpanId());

        DecodedRecord bare = sample("x");
        throwable(bare, "java.lang.NullPointerException\n\tat a.b(C.java:1)\n");
        assertEquals(List.of("thread.name=main", "code.namespace=demo.Worker",
                        "exception.type=java.lang.NullPointerException",
                        "exception.stacktrace=java.lang.NullPointerException\n\tat a.b(C.java:1)"),
                attributes(only(parse(line(bare)), List.of("service.name=worker-2", "process.pid=int:4242"),
                        "demo.Worker").getAttributesList()));
    }

    @Test
    void shouldTakeTraceContextFromTheAgentsMdcKeys() throws Exception {
        DecodedRecord e = sample("say \"{}\"\t\u001b[2J \uD800 \u2028 ünï", "hi");
        e.level = Level.WARN;
        e.pid = Long.MAX_VALUE;
        e.timestampNanos = -1;
        mdc(e, "trace_id", TRACE_ID.toUpperCase());
        mdc(e, "user", "bob");
        mdc(e, "span_id", SPAN_ID);
        mdc(e, "trace_flags", "01");
        String line = line(e);
        assertTrue(line.endsWith(",\"flags\":1,\"traceId\":\"" + TRACE_ID + "\",\"spanId\":\"" + SPAN_ID + "\"}]}]}]}\n"),
                line);
        LogRecord r = only(parse(line), List.of("service.name=worker-2", "process.pid=int:" + Long.MAX_VALUE),
                "demo.Worker");
        assertEquals(0, r.getTimeUnixNano(), "before 1970: unknown");
        assertEquals(0, r.getObservedTimeUnixNano());
        assertEquals(SeverityNumber.SEVERITY_NUMBER_WARN, r.getSeverityNumber());
        assertEquals("WARN", r.getSeverityText());
        assertEquals("say \"hi\"\t\u001b[2J \uFFFD \u2028 ünï", r.getBody().getStringValue());
        assertTrue(line.contains("\\u001B[2J \uFFFD \\u2028 ünï"), "escaped as in the json format: " + line);
        assertEquals(List.of("thread.name=main", "code.namespace=demo.Worker", "user=bob"),
                attributes(r.getAttributesList()));
        assertEquals(1, r.getFlags());
        assertEquals(ByteString.copyFrom(HexFormat.of().parseHex(TRACE_ID)), r.getTraceId());
        assertEquals(ByteString.copyFrom(HexFormat.of().parseHex(SPAN_ID)), r.getSpanId());
    }

    @Test
    void shouldKeepMalformedTraceKeysAsAttributesAndKeyValuesOverMdc() throws Exception {
        DecodedRecord e = sample(null);
        e.level = Level.TRACE;
        e.process = "";
        mdc(e, "trace_id", "abc");
        mdc(e, "span_id", "zzzzzzzzzzzzzzzz");
        mdc(e, "order", "from-mdc");
        kv(e, "order", "from-kv");
        LogRecord r = only(parse(line(e)), List.of("service.name=", "process.pid=int:4242"), "demo.Worker");
        assertEquals(SeverityNumber.SEVERITY_NUMBER_TRACE, r.getSeverityNumber());
        assertEquals("TRACE", r.getSeverityText());
        assertEquals("null", r.getBody().getStringValue());
        assertEquals(List.of("thread.name=main", "code.namespace=demo.Worker", "trace_id=abc",
                "span_id=zzzzzzzzzzzzzzzz", "order=from-kv"), attributes(r.getAttributesList()));
        assertEquals(ByteString.EMPTY, r.getTraceId());
        assertEquals(ByteString.EMPTY, r.getSpanId());
        assertEquals(0, r.getFlags());

        e.level = Level.DEBUG;
        assertEquals(SeverityNumber.SEVERITY_NUMBER_DEBUG,
                only(parse(line(e)), List.of("service.name=", "process.pid=int:4242"), "demo.Worker").getSeverityNumber());
    }

    @Test
    void shouldReadPlainRecordsThroughTheCharPath() {
        assertEquals(false, format.writesPlainBytes());
        DecodedRecord e = sample("x");
        assertEquals(-1, format.maxBytes(e));
    }
}

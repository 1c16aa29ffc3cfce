package io.applog.format;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import io.applog.Level;
import io.applog.record.DecodedRecord;
import io.applog.record.PlainFields;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.ZoneOffset;

/**
 * One JSON object per line (JSON Lines):
 *
 * <pre>
 * {"time":"2026-11-25T05:07:12.345678901Z","level":"INFO","process":"worker-2","pid":4242,
 *  "thread":"main","logger":"demo.Worker","message":"...","exception":"...","mdc":{...},"kv":{...}}
 * </pre>
 *
 * <p>(shown wrapped; the output is a single line). {@code exception}, {@code mdc} and
 * {@code kv} appear only when the record has them. The message has its placeholders filled
 * and is otherwise raw; a null template gives {@code "null"}.
 *
 * <p>Unpaired surrogates become U+FFFD. Besides the standard JSON escapes, DEL, the C1
 * controls, U+2028, U+2029, the bidi controls and U+FEFF are written as unicode escapes, so a
 * line is plain to every terminal and to JavaScript parsers alike.
 *
 * <p>Not thread-safe: use one instance per thread.
 */
public final class JsonFormat implements RecordFormat {
    private static final SerializableString TIME = new SerializedString("time");
    private static final SerializableString LEVEL = new SerializedString("level");
    private static final SerializableString PROCESS = new SerializedString("process");
    private static final SerializableString PID = new SerializedString("pid");
    private static final SerializableString THREAD = new SerializedString("thread");
    private static final SerializableString LOGGER = new SerializedString("logger");
    private static final SerializableString MESSAGE = new SerializedString("message");
    private static final SerializableString EXCEPTION = new SerializedString("exception");
    private static final SerializableString MDC = new SerializedString("mdc");
    private static final SerializableString KV = new SerializedString("kv");
    private static final SerializableString NULL_MESSAGE = new SerializedString("null");
    private static final SerializableString[] LEVELS = levelNames();

    private static final int INITIAL_CAPACITY = 256;
    private static final int MAX_RETAINED_CAPACITY = 1 << 16;

    private final TimestampFormat timestamps = new TimestampFormat(ZoneOffset.UTC);
    private final JsonStrings strings = new JsonStrings();
    private final JsonStrings.CharLine line = new JsonStrings.CharLine();
    private final JsonStrings.Body body = (record, g) -> writeRecord(record, g, false);
    private final byte[] time = new byte[TimestampFormat.UTC_BYTES];
    private final JsonStrings.EscapedNames processNames = new JsonStrings.EscapedNames();
    private StringBuilder scratch = new StringBuilder(INITIAL_CAPACITY);
    /** Bytes of a record besides its process name and plain fields: names, quotes, time, pid. */
    private static final int FIXED_BYTES = 192;

    private final TargetStream stream = new TargetStream();
    private JsonGenerator byteGenerator;
    private byte[] message = new byte[INITIAL_CAPACITY];

    /** Creates a JSON format; times are written in UTC. */
    public JsonFormat() {
        byteGenerator = JsonStrings.newGenerator(stream);
    }

    @Override
    public boolean writesPlainBytes() {
        return true;
    }

    @Override
    public boolean showsContext() {
        return true;
    }

    @Override
    public int maxBytes(DecodedRecord event) {
        if (!event.isPlain) {
            return -1;
        }
        final int process = event.process == null ? 0 : event.process.length();
        // an escape at most doubles a plain byte; a char of the process name takes 6 at most (a unicode escape)
        return FIXED_BYTES + 6 * process + 2 * event.plain.length();
    }

    @Override
    public int formatBytes(DecodedRecord event, byte[] out, int at) {
        boolean written = false;
        stream.target = out;
        stream.position = at;
        try {
            writeRecord(event, byteGenerator, true);
            byteGenerator.flush();
            written = true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            stream.target = null;
            if (!written) {
                byteGenerator = JsonStrings.newGenerator(stream);
            }
            if (message.length > MAX_RETAINED_CAPACITY) {
                message = new byte[INITIAL_CAPACITY];
            }
        }
        out[stream.position] = '\n';
        return stream.position + 1;
    }

    @Override
    public void format(DecodedRecord event, StringBuilder out) {
        event.decodePlain();
        try {
            line.append(event, out, body);
        } finally {
            strings.trim();
            if (scratch.capacity() > MAX_RETAINED_CAPACITY) {
                scratch = new StringBuilder(INITIAL_CAPACITY);
            }
        }
    }

    /**
     * Writes the record's object; {@code toBytes} when {@code g} writes UTF-8 bytes, which then
     * takes the time and the process name as bytes that need no escaping.
     */
    private void writeRecord(DecodedRecord event, JsonGenerator g, boolean toBytes) throws IOException {
        g.writeStartObject();

        g.writeFieldName(TIME);
        if (toBytes) {
            g.writeRawUTF8String(time, 0, timestamps.putUtc(event.timestampNanos, time, 0));
        } else {
            scratch.setLength(0);
            timestamps.appendUtc(event.timestampNanos, scratch);
            strings.write(g, scratch, scratch.length());
        }

        g.writeFieldName(LEVEL);
        g.writeString(LEVELS[event.level.ordinal()]);

        g.writeFieldName(PROCESS);
        final String process = event.process == null ? "" : event.process;
        if (toBytes) {
            final byte[] escaped = processNames.escaped(process);
            g.writeRawUTF8String(escaped, 0, escaped.length);
        } else {
            strings.write(g, process, process.length());
        }

        g.writeFieldName(PID);
        g.writeNumber(event.pid);

        if (event.isPlain) {
            writePlain(event.plain, g);
        } else {
            writeText(event, g);
        }
        g.writeEndObject();
    }

    /** Thread, logger and message of a plain record: its bytes, escaped by the generator. */
    private void writePlain(PlainFields f, JsonGenerator g) throws IOException {
        final byte[] b = f.bytes();
        g.writeFieldName(THREAD);
        JsonStrings.writeUtf8(g, b, f.start(PlainFields.THREAD), f.end(PlainFields.THREAD) - f.start(PlainFields.THREAD));
        g.writeFieldName(LOGGER);
        JsonStrings.writeUtf8(g, b, f.start(PlainFields.LOGGER), f.end(PlainFields.LOGGER) - f.start(PlainFields.LOGGER));
        g.writeFieldName(MESSAGE);
        if (message.length < f.length()) {
            message = new byte[Math.max(f.length(), message.length * 2)];
        }
        JsonStrings.writeUtf8(g, message, 0, Placeholders.fill(f, message, 0));
    }

    private void writeText(DecodedRecord event, JsonGenerator g) throws IOException {
        g.writeFieldName(THREAD);
        strings.write(g, event.thread, event.thread.length());

        g.writeFieldName(LOGGER);
        strings.write(g, event.logger, event.logger.length());

        g.writeFieldName(MESSAGE);
        if (event.hasTemplate) {
            scratch.setLength(0);
            Placeholders.fill(event.template, event.args, event.argCount, scratch);
            strings.write(g, scratch, scratch.length());
        } else {
            g.writeString(NULL_MESSAGE);
        }

        if (event.hasThrowable) {
            g.writeFieldName(EXCEPTION);
            strings.write(g, event.throwable, TextFormat.trimmedLength(event.throwable));
        }
        if (event.mdcCount > 0) {
            g.writeFieldName(MDC);
            writeMap(g, event.mdcKeys, event.mdcValues, event.mdcCount);
        }
        if (event.kvCount > 0) {
            g.writeFieldName(KV);
            writeMap(g, event.kvKeys, event.kvValues, event.kvCount);
        }
    }

    private void writeMap(JsonGenerator g, StringBuilder[] keys, StringBuilder[] values, int count) throws IOException {
        g.writeStartObject();
        for (int i = 0; i < count; i++) {
            g.writeFieldName(strings.key(keys[i]));
            strings.write(g, values[i], values[i].length());
        }
        g.writeEndObject();
    }

    private static SerializableString[] levelNames() {
        final Level[] levels = Level.values();
        final SerializableString[] names = new SerializableString[levels.length];
        for (int i = 0; i < levels.length; i++) {
            names[i] = new SerializedString(levels[i].name());
        }
        return names;
    }

    /** An output stream into a byte array that is swapped for each record (with room enough). */
    private static final class TargetStream extends OutputStream {
        byte[] target;
        int position;

        @Override
        public void write(byte[] b, int off, int len) {
            System.arraycopy(b, off, target, position, len);
            position += len;
        }

        @Override
        public void write(int b) {
            target[position++] = (byte) b;
        }
    }
}

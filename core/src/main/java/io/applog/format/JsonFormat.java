package io.applog.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import io.applog.Level;
import io.applog.record.LogEvent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
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
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .disable(StreamWriteFeature.FLUSH_PASSED_TO_STREAM)
            .build();
    private static final CharacterEscapes ESCAPES = new LogCharacterEscapes();

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

    private static final int KEY_CACHE_SIZE = 64;
    private static final int INITIAL_CAPACITY = 256;
    private static final int MAX_RETAINED_CAPACITY = 1 << 16;

    private final TimestampFormat timestamps = new TimestampFormat(ZoneOffset.UTC);
    private final TargetWriter writer = new TargetWriter();
    private StringBuilder scratch = new StringBuilder(INITIAL_CAPACITY);
    private final String[] keyCache = new String[KEY_CACHE_SIZE];
    private char[] chars = new char[INITIAL_CAPACITY];
    private JsonGenerator generator;

    /** Creates a JSON format; times are written in UTC. */
    public JsonFormat() {
        generator = newGenerator(writer);
    }

    @Override
    public void format(LogEvent event, StringBuilder out) {
        final int start = out.length();
        boolean written = false;
        writer.target = out;
        try {
            writeRecord(event);
            generator.flush();
            written = true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.target = null;
            if (!written) {
                out.setLength(start);
                generator = newGenerator(writer);
            }
            if (chars.length > MAX_RETAINED_CAPACITY) {
                chars = new char[INITIAL_CAPACITY];
            }
            if (scratch.capacity() > MAX_RETAINED_CAPACITY) {
                scratch = new StringBuilder(INITIAL_CAPACITY);
            }
        }
        out.append('\n');
    }

    private void writeRecord(LogEvent event) throws IOException {
        final JsonGenerator g = generator;
        g.writeStartObject();

        g.writeFieldName(TIME);
        scratch.setLength(0);
        timestamps.appendUtc(event.timestampNanos, scratch);
        writeString(scratch, scratch.length());

        g.writeFieldName(LEVEL);
        g.writeString(LEVELS[event.level.ordinal()]);

        g.writeFieldName(PROCESS);
        final String process = event.process == null ? "" : event.process;
        writeString(process, process.length());

        g.writeFieldName(PID);
        g.writeNumber(event.pid);

        g.writeFieldName(THREAD);
        writeString(event.thread, event.thread.length());

        g.writeFieldName(LOGGER);
        writeString(event.logger, event.logger.length());

        g.writeFieldName(MESSAGE);
        if (event.hasTemplate) {
            scratch.setLength(0);
            MessageFormatter.format(event.template, event.args, event.argCount, scratch);
            writeString(scratch, scratch.length());
        } else {
            g.writeString(NULL_MESSAGE);
        }

        if (event.hasThrowable) {
            g.writeFieldName(EXCEPTION);
            writeString(event.throwable, TextFormat.trimmedLength(event.throwable));
        }
        if (event.mdcCount > 0) {
            g.writeFieldName(MDC);
            writeMap(event.mdcKeys, event.mdcValues, event.mdcCount);
        }
        if (event.kvCount > 0) {
            g.writeFieldName(KV);
            writeMap(event.kvKeys, event.kvValues, event.kvCount);
        }
        g.writeEndObject();
    }

    private void writeMap(StringBuilder[] keys, StringBuilder[] values, int count) throws IOException {
        generator.writeStartObject();
        for (int i = 0; i < count; i++) {
            generator.writeFieldName(key(keys[i]));
            writeString(values[i], values[i].length());
        }
        generator.writeEndObject();
    }

    /** Writes the first {@code length} chars of {@code s} as a JSON string, surrogates repaired. */
    private void writeString(CharSequence s, int length) throws IOException {
        generator.writeString(sanitised(s, length), 0, length);
    }

    /** Returns a reused String for a map key, so that a stable key set allocates nothing. */
    private String key(CharSequence s) {
        final int length = s.length();
        final char[] c = sanitised(s, length);
        int hash = 0;
        for (int i = 0; i < length; i++) {
            hash = 31 * hash + c[i];
        }
        final int slot = (hash ^ (hash >>> 16)) & (KEY_CACHE_SIZE - 1);
        final String cached = keyCache[slot];
        if (cached != null && cached.length() == length && sameChars(cached, c, length)) {
            return cached;
        }
        final String key = new String(c, 0, length);
        keyCache[slot] = key;
        return key;
    }

    private static boolean sameChars(String s, char[] c, int length) {
        for (int i = 0; i < length; i++) {
            if (s.charAt(i) != c[i]) {
                return false;
            }
        }
        return true;
    }

    /** Copies {@code length} chars of {@code s} into {@link #chars}, unpaired surrogates as U+FFFD. */
    private char[] sanitised(CharSequence s, int length) {
        if (chars.length < length) {
            chars = new char[Math.max(length, chars.length * 2)];
        }
        final char[] c = chars;
        if (s instanceof StringBuilder) {
            ((StringBuilder) s).getChars(0, length, c, 0);
        } else if (s instanceof String) {
            ((String) s).getChars(0, length, c, 0);
        } else {
            for (int i = 0; i < length; i++) {
                c[i] = s.charAt(i);
            }
        }
        for (int i = 0; i < length; i++) {
            final char ch = c[i];
            if (Character.isSurrogate(ch)) {
                if (Character.isHighSurrogate(ch) && i + 1 < length && Character.isLowSurrogate(c[i + 1])) {
                    i++;
                } else {
                    c[i] = '\uFFFD';
                }
            }
        }
        return c;
    }

    private static JsonGenerator newGenerator(Writer writer) {
        try {
            final JsonGenerator g = FACTORY.createGenerator(writer);
            g.setCharacterEscapes(ESCAPES);
            g.setRootValueSeparator(null);
            return g;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static SerializableString[] levelNames() {
        final Level[] levels = Level.values();
        final SerializableString[] names = new SerializableString[levels.length];
        for (int i = 0; i < levels.length; i++) {
            names[i] = new SerializedString(levels[i].name());
        }
        return names;
    }

    /** A writer appending to a StringBuilder that is swapped for each record. */
    private static final class TargetWriter extends Writer {
        StringBuilder target;

        @Override
        public void write(char[] buf, int off, int len) {
            target.append(buf, off, len);
        }

        @Override
        public void write(int c) {
            target.append((char) c);
        }

        @Override
        public void write(String s, int off, int len) {
            target.append(s, off, off + len);
        }

        @Override
        public Writer append(CharSequence s) {
            target.append(s);
            return this;
        }

        @Override
        public Writer append(char c) {
            target.append(c);
            return this;
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    /** Standard JSON escapes plus DEL, C1, line separators, bidi controls and BOM as unicode escapes. */
    private static final class LogCharacterEscapes extends CharacterEscapes {
        private static final long serialVersionUID = 1L;

        private final int[] ascii;
        private final SerializableString[] c1 = new SerializableString[0xA0 - 0x80];
        private final SerializableString[] general = new SerializableString[0x206A - 0x200E];
        private final SerializableString bom = escape('\uFEFF');

        LogCharacterEscapes() {
            ascii = CharacterEscapes.standardAsciiEscapesForJSON();
            ascii[0x7F] = CharacterEscapes.ESCAPE_STANDARD;
            for (char ch = 0x80; ch < 0xA0; ch++) {
                c1[ch - 0x80] = escape(ch);
            }
            for (char ch = 0x200E; ch < 0x206A; ch++) {
                if (TextEscaper.needsEscape(ch)) {
                    general[ch - 0x200E] = escape(ch);
                }
            }
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            if (ch < 0xA0) {
                return ch >= 0x80 ? c1[ch - 0x80] : null;
            }
            if (ch >= 0x200E && ch < 0x206A) {
                return general[ch - 0x200E];
            }
            return ch == 0xFEFF ? bom : null;
        }

        private static SerializableString escape(char ch) {
            final StringBuilder sb = new StringBuilder(6);
            TextEscaper.appendUnicodeEscape(ch, sb);
            return new SerializedString(sb.toString());
        }
    }
}

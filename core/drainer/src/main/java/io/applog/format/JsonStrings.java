package io.applog.format;

import io.applog.record.DecodedRecord;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * What the JSON formats share: generators set up alike ({@link JsonEscapes}, no separator
 * between root values, the target never closed or flushed), and strings written with unpaired
 * surrogates as U+FFFD through a reused char buffer, map keys from a small cache.
 *
 * <p>One per format instance; not thread-safe.
 */
final class JsonStrings {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .disable(StreamWriteFeature.FLUSH_PASSED_TO_STREAM)
            .build();
    private static final JsonEscapes ESCAPES = new JsonEscapes();
    private static final int[] ASCII_ESCAPES = ESCAPES.getEscapeCodesForAscii();
    private static final int KEY_CACHE_SIZE = 64;
    private static final int INITIAL_CAPACITY = 256;
    private static final int MAX_RETAINED_CAPACITY = 1 << 16;

    private final String[] keyCache = new String[KEY_CACHE_SIZE];
    private char[] chars = new char[INITIAL_CAPACITY];

    /** Writes the first {@code length} chars of {@code s} as a JSON string, surrogates repaired. */
    void write(JsonGenerator g, CharSequence s, int length) throws IOException {
        write(g, s, 0, length);
    }

    /** Writes chars {@code start} (inclusive) to {@code end} (exclusive) of {@code s} as a JSON string. */
    void write(JsonGenerator g, CharSequence s, int start, int end) throws IOException {
        g.writeString(sanitised(s, start, end), 0, end - start);
    }

    /**
     * Writes {@code length} UTF-8 bytes from {@code offset} as a JSON string: copied as they
     * are when none needs an escape (the common case: a plain field with no quote, backslash
     * or tab), else through the generator's escaping. The same bytes either way.
     */
    static void writeUtf8(JsonGenerator g, byte[] b, int offset, int length) throws IOException {
        if (needsEscape(b, offset, offset + length)) {
            g.writeUTF8String(b, offset, length);
        } else {
            g.writeRawUTF8String(b, offset, length);
        }
    }

    /**
     * True if a byte from {@code start} to {@code end} is escaped by {@link JsonEscapes}
     * (C0 controls, quote, backslash, DEL) or is not ASCII.
     */
    static boolean needsEscape(byte[] b, int start, int end) {
        final int[] escapes = ASCII_ESCAPES;
        for (int i = start; i < end; i++) {
            final int c = b[i];
            if (c < 0 || escapes[c] != 0) {
                return true;
            }
        }
        return false;
    }

    /** Returns a reused String for a map key, so that a stable key set allocates nothing. */
    String key(CharSequence s) {
        final int length = s.length();
        final char[] c = sanitised(s, 0, length);
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

    /** Lets go of a buffer that a huge record grew. */
    void trim() {
        if (chars.length > MAX_RETAINED_CAPACITY) {
            chars = new char[INITIAL_CAPACITY];
        }
    }

    private static boolean sameChars(String s, char[] c, int length) {
        for (int i = 0; i < length; i++) {
            if (s.charAt(i) != c[i]) {
                return false;
            }
        }
        return true;
    }

    /** Copies chars {@code start} to {@code end} of {@code s} into {@link #chars}, unpaired surrogates as U+FFFD. */
    private char[] sanitised(CharSequence s, int start, int end) {
        final int length = end - start;
        if (chars.length < length) {
            chars = new char[Math.max(length, chars.length * 2)];
        }
        final char[] c = chars;
        if (s instanceof StringBuilder) {
            ((StringBuilder) s).getChars(start, end, c, 0);
        } else if (s instanceof String) {
            ((String) s).getChars(start, end, c, 0);
        } else {
            for (int i = 0; i < length; i++) {
                c[i] = s.charAt(start + i);
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

    static JsonGenerator newGenerator(Writer writer) {
        try {
            return configure(FACTORY.createGenerator(writer));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonGenerator newGenerator(OutputStream out) {
        try {
            return configure(FACTORY.createGenerator(out, JsonEncoding.UTF8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonGenerator configure(JsonGenerator g) {
        g.setCharacterEscapes(ESCAPES);
        g.setRootValueSeparator(null);
        return g;
    }

    /**
     * Names (the writers' process names) as the escaped UTF-8 bytes of their JSON strings,
     * without the quotes, for {@link JsonGenerator#writeRawUTF8String}: a name is escaped once,
     * not per record. Forgets all at {@value #MAX_NAMES} names (a drainer of that many writers
     * escapes each again once).
     */
    static final class EscapedNames {
        private static final int MAX_NAMES = 4096;
        private final Map<String, byte[]> escaped = new HashMap<>();
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final JsonStrings strings = new JsonStrings();

        byte[] escaped(String name) {
            final byte[] known = escaped.get(name);
            if (known != null) {
                return known;
            }
            if (escaped.size() >= MAX_NAMES) {
                escaped.clear();
            }
            final byte[] e = escape(name);
            escaped.put(name, e);
            return e;
        }

        private byte[] escape(String name) {
            out.reset();
            try {
                final JsonGenerator g = newGenerator(out);
                strings.write(g, name, name.length());
                g.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            final byte[] quoted = out.toByteArray();
            return Arrays.copyOfRange(quoted, 1, quoted.length - 1);
        }
    }

    /** What a JSON format writes of one record: one object, through {@code g}. */
    interface Body {
        void write(DecodedRecord record, JsonGenerator g) throws IOException;
    }

    /**
     * One record as one JSON line appended to a StringBuilder, through a generator reused from
     * record to record; a record that fails leaves nothing behind (the builder is cut back and
     * the generator, whose state is unknown then, replaced).
     */
    static final class CharLine {
        private final TargetWriter writer = new TargetWriter();
        private JsonGenerator generator = newGenerator(writer);

        /** Appends {@code body}'s object for {@code record} and a line break to {@code out}. */
        void append(DecodedRecord record, StringBuilder out, Body body) {
            final int start = out.length();
            boolean written = false;
            writer.target = out;
            try {
                body.write(record, generator);
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
            }
            out.append('\n');
        }
    }

    /** A writer appending to a StringBuilder that is swapped for each record. */
    static final class TargetWriter extends Writer {
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
}

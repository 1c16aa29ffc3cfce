package io.applog.log4j2;

import org.apache.logging.log4j.util.ReadOnlyStringMap;
import org.apache.logging.log4j.util.TriConsumer;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * An event's context data (Log4j2's ThreadContext map) as the {@link Map} a
 * {@link io.applog.record.MutableRecord} takes, filled and read without allocating: one
 * instance per appending thread, refilled for each event with {@link #fill}, read once by the
 * record's encoder while the event is appended, then {@linkplain #clear() cleared}.
 *
 * <p>Not a general map: the encoder reads it with {@link #forEach}; its entry set, iterator and
 * entry are single instances reused by each iteration (a pass reads each key and value before
 * it asks for the next). Entries keep the order of Log4j2's map (sorted by key).
 */
final class ContextMap extends AbstractMap<String, String> {
    private static final int INITIAL = 8;
    /** Arrays grown beyond this are dropped on clear, so one huge context does not stay pinned. */
    private static final int MAX_KEPT = 256;
    private static final TriConsumer<String, Object, ContextMap> PUT = (key, value, map) -> map.add(key, value);

    private String[] keys = new String[INITIAL];
    private String[] values = new String[INITIAL];
    private int size;
    private final Entries entries = new Entries();

    /** Replaces the contents with the entries of {@code data}; values become their text ({@code null} stays null). */
    void fill(ReadOnlyStringMap data) {
        clear();
        data.forEach(PUT, this);
    }

    private void add(String key, Object value) {
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, 2 * size);
            values = Arrays.copyOf(values, 2 * size);
        }
        keys[size] = key;
        values[size] = value == null ? null : value.toString();
        size++;
    }

    @Override
    public void clear() {
        for (int i = 0; i < size; i++) {
            keys[i] = null;
            values[i] = null;
        }
        size = 0;
        if (keys.length > MAX_KEPT) {
            keys = new String[INITIAL];
            values = new String[INITIAL];
        }
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public boolean isEmpty() {
        return size == 0;
    }

    /** In order, straight from the arrays: how the record's encoder reads an MDC. */
    @Override
    public void forEach(BiConsumer<? super String, ? super String> action) {
        for (int i = 0; i < size; i++) {
            action.accept(keys[i], values[i]);
        }
    }

    @Override
    public Set<Map.Entry<String, String>> entrySet() {
        return entries;
    }

    /** The one entry set: its iterator starts again at each call. */
    private final class Entries extends AbstractSet<Map.Entry<String, String>> {
        private final Cursor cursor = new Cursor();

        @Override
        public Iterator<Map.Entry<String, String>> iterator() {
            cursor.next = 0;
            return cursor;
        }

        @Override
        public int size() {
            return size;
        }
    }

    /** The one iterator, which is also the one entry it returns (positioned at the last entry returned). */
    private final class Cursor implements Iterator<Map.Entry<String, String>>, Map.Entry<String, String> {
        private int next;

        @Override
        public boolean hasNext() {
            return next < size;
        }

        @Override
        public Map.Entry<String, String> next() {
            if (next >= size) {
                throw new NoSuchElementException();
            }
            next++;
            return this;
        }

        @Override
        public String getKey() {
            return keys[next - 1];
        }

        @Override
        public String getValue() {
            return values[next - 1];
        }

        @Override
        public String setValue(String value) {
            throw new UnsupportedOperationException();
        }
    }
}

package io.applog.slf4j;

import io.applog.bridge.ThreadContext;
import org.slf4j.spi.MDCAdapter;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The SLF4J MDC of applog: a per-thread map, copy-on-write. Every change installs a new
 * unmodifiable map, so a record captures the context by taking the current reference
 * ({@link #current()}) without copying, and nothing a thread does later changes a record.
 * Keys keep their insertion order.
 *
 * <p>The context lives in {@link ThreadContext}, shared by all instances, so records of the
 * JUL handler carry the same context as SLF4J records of the same thread. A new thread starts
 * with an empty context (the map is not inherited). Values may be null.
 */
public final class ApplogMdcAdapter implements MDCAdapter {
    private static final ThreadLocal<Map<String, Deque<String>>> DEQUES = new ThreadLocal<>();

    /** The current thread's context as an unmodifiable map, or null when it is empty. */
    public static Map<String, String> current() {
        return ThreadContext.current();
    }

    /** @throws IllegalArgumentException if {@code key} is null */
    @Override
    public void put(String key, String val) {
        if (key == null) {
            throw new IllegalArgumentException("key=null");
        }
        Map<String, String> old = ThreadContext.current();
        Map<String, String> map = old == null ? new LinkedHashMap<>(4) : new LinkedHashMap<>(old);
        map.put(key, val);
        ThreadContext.set(Collections.unmodifiableMap(map));
    }

    @Override
    public String get(String key) {
        Map<String, String> map = ThreadContext.current();
        return map == null || key == null ? null : map.get(key);
    }

    @Override
    public void remove(String key) {
        Map<String, String> old = ThreadContext.current();
        if (old == null || key == null || !old.containsKey(key)) {
            return;
        }
        if (old.size() == 1) {
            ThreadContext.clear();
            return;
        }
        Map<String, String> map = new LinkedHashMap<>(old);
        map.remove(key);
        ThreadContext.set(Collections.unmodifiableMap(map));
    }

    @Override
    public void clear() {
        ThreadContext.clear();
    }

    /** A modifiable copy of the current context, or null when it is empty. */
    @Override
    public Map<String, String> getCopyOfContextMap() {
        Map<String, String> map = ThreadContext.current();
        return map == null ? null : new HashMap<>(map);
    }

    /** Replaces the current context by a copy of {@code contextMap}; null or empty clears it. */
    @Override
    public void setContextMap(Map<String, String> contextMap) {
        if (contextMap == null || contextMap.isEmpty()) {
            ThreadContext.clear();
        } else {
            ThreadContext.set(Collections.unmodifiableMap(new LinkedHashMap<>(contextMap)));
        }
    }

    /**
     * Pushes {@code value} on the current thread's stack named {@code key}.
     *
     * @throws IllegalArgumentException if {@code key} or {@code value} is null
     */
    @Override
    public void pushByKey(String key, String value) {
        if (key == null || value == null) {
            throw new IllegalArgumentException(key == null ? "key=null" : "value=null (key=" + key + ")");
        }
        Map<String, Deque<String>> deques = DEQUES.get();
        if (deques == null) {
            deques = new HashMap<>();
            DEQUES.set(deques);
        }
        deques.computeIfAbsent(key, k -> new ArrayDeque<>()).push(value);
    }

    /** The value last pushed under {@code key} and not yet popped, or null when there is none. */
    @Override
    public String popByKey(String key) {
        Deque<String> deque = deque(key);
        return deque == null ? null : deque.pollFirst();
    }

    @Override
    public Deque<String> getCopyOfDequeByKey(String key) {
        Deque<String> deque = deque(key);
        return deque == null ? null : new ArrayDeque<>(deque);
    }

    @Override
    public void clearDequeByKey(String key) {
        Deque<String> deque = deque(key);
        if (deque != null) {
            deque.clear();
        }
    }

    private static Deque<String> deque(String key) {
        Map<String, Deque<String>> deques = DEQUES.get();
        return deques == null || key == null ? null : deques.get(key);
    }
}

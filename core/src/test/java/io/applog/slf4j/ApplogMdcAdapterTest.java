package io.applog.slf4j;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ApplogMdcAdapterTest {
    private final ApplogMdcAdapter mdc = new ApplogMdcAdapter();

    @AfterEach
    void clear() {
        mdc.clear();
        mdc.clearDequeByKey("stack");
    }

    @Test
    void shouldKeepACapturedMapUnchangedWhenTheContextChangesLater() {
        mdc.put("request", "r-1");
        mdc.put("user", "ann");
        Map<String, String> captured = ApplogMdcAdapter.current();
        mdc.put("user", "bob");
        mdc.remove("request");
        assertEquals(List.of("request=r-1", "user=ann"), entries(captured));
        assertEquals(List.of("user=bob"), entries(ApplogMdcAdapter.current()));
        assertThrows(UnsupportedOperationException.class, () -> captured.put("x", "y"));
    }

    @Test
    void shouldHaveNoMapWhenEmpty() {
        assertNull(ApplogMdcAdapter.current());
        mdc.put("a", "1");
        mdc.remove("a");
        assertNull(ApplogMdcAdapter.current());
        assertNull(mdc.getCopyOfContextMap());
        mdc.put("a", "1");
        mdc.clear();
        assertNull(ApplogMdcAdapter.current());
    }

    @Test
    void shouldReturnAnIndependentCopyAndSetFromACopy() {
        mdc.put("a", "1");
        Map<String, String> copy = mdc.getCopyOfContextMap();
        copy.put("b", "2");
        assertEquals(List.of("a=1"), entries(ApplogMdcAdapter.current()));
        Map<String, String> source = new HashMap<>(Map.of("c", "3"));
        mdc.setContextMap(source);
        source.put("d", "4");
        assertEquals(List.of("c=3"), entries(ApplogMdcAdapter.current()));
        assertEquals("3", mdc.get("c"));
        assertNull(mdc.get("a"));
        mdc.setContextMap(null);
        assertNull(ApplogMdcAdapter.current());
        mdc.setContextMap(Map.of());
        assertNull(ApplogMdcAdapter.current());
    }

    @Test
    void shouldKeepValuesPerThread() throws InterruptedException {
        mdc.put("a", "main");
        AtomicReference<Map<String, String>> seen = new AtomicReference<>(Map.of("unset", "unset"));
        Thread t = new Thread(() -> {
            seen.set(ApplogMdcAdapter.current());
            mdc.put("a", "other");
        });
        t.start();
        t.join();
        assertNull(seen.get());
        assertEquals("main", mdc.get("a"));
    }

    @Test
    void shouldAllowNullValuesButNotNullKeys() {
        mdc.put("a", null);
        assertEquals(List.of("a=null"), entries(ApplogMdcAdapter.current()));
        assertThrows(IllegalArgumentException.class, () -> mdc.put(null, "x"));
        assertNull(mdc.get(null));
        mdc.remove(null);
    }

    @Test
    void shouldPushAndPopByKeyLastInFirstOut() {
        assertNull(mdc.popByKey("stack"));
        assertNull(mdc.getCopyOfDequeByKey("stack"));
        mdc.pushByKey("stack", "a");
        mdc.pushByKey("stack", "b");
        ArrayDeque<String> copy = (ArrayDeque<String>) mdc.getCopyOfDequeByKey("stack");
        assertEquals(List.of("b", "a"), List.copyOf(copy));
        copy.clear();
        assertEquals("b", mdc.popByKey("stack"));
        assertEquals("a", mdc.popByKey("stack"));
        assertNull(mdc.popByKey("stack"));
        mdc.pushByKey("stack", "c");
        mdc.clearDequeByKey("stack");
        assertEquals(0, mdc.getCopyOfDequeByKey("stack").size());
        assertThrows(IllegalArgumentException.class, () -> mdc.pushByKey("stack", null));
    }

    @Test
    void shouldShareTheContextBetweenInstances() {
        mdc.put("a", "1");
        assertEquals("1", new ApplogMdcAdapter().get("a"));
        assertSame(ApplogMdcAdapter.current(), ApplogMdcAdapter.current());
    }

    private static List<String> entries(Map<String, String> map) {
        return map.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(java.util.stream.Collectors.toList());
    }
}

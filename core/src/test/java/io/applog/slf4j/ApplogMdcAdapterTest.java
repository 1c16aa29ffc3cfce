package io.applog.slf4j;

import io.applog.bridge.ThreadContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
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
        t.join(10_000);
        assertFalse(t.isAlive(), "the other thread still runs after 10 s");
        assertNull(seen.get());
        assertEquals("main", mdc.get("a"));
    }

    @Test
    void shouldAllowNullValuesButNotNullKeys() {
        mdc.put("a", null);
        Map<String, String> context = ApplogMdcAdapter.current();
        assertEquals(List.of("a=null"), entries(context));
        assertEquals("key=null", assertThrows(IllegalArgumentException.class, () -> mdc.put(null, "x")).getMessage());
        assertNull(mdc.get(null));
        mdc.remove(null);
        assertSame(context, ApplogMdcAdapter.current(), "remove(null) leaves the context as it was");
        assertEquals(List.of("a=null"), entries(ApplogMdcAdapter.current()));
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
    void shouldShareTheContextBetweenInstancesAndTheJulBridge() {
        mdc.put("a", "1");
        ApplogMdcAdapter other = new ApplogMdcAdapter();
        assertEquals("1", other.get("a"));
        other.put("b", "2");
        assertEquals("2", mdc.get("b"));
        assertEquals(List.of("a=1", "b=2"), entries(ThreadContext.current()), "what the JUL bridge captures");
    }

    @Test
    void shouldCaptureByReferenceUntilTheContextChanges() {
        mdc.put("a", "1");
        Map<String, String> captured = ApplogMdcAdapter.current();
        mdc.get("a");
        mdc.getCopyOfContextMap().put("b", "2");
        mdc.remove("absent");
        assertSame(captured, ApplogMdcAdapter.current(), "reading the context does not replace it");
        mdc.put("a", "1");
        assertNotSame(captured, ApplogMdcAdapter.current(), "a change installs a new map");
        assertEquals(List.of("a=1"), entries(captured));
    }

    private static List<String> entries(Map<String, String> map) {
        return map.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(java.util.stream.Collectors.toList());
    }
}

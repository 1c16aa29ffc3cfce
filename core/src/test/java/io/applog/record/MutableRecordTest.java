package io.applog.record;

import io.applog.Level;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MutableRecordTest {
    private static List<Object> arguments(MutableRecord r) {
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < r.argumentCount(); i++) {
            out.add(r.argumentAt(i));
        }
        return out;
    }

    private static List<Object> keyValues(MutableRecord r) {
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < r.keyValueCount(); i++) {
            out.add(r.keyAt(i));
            out.add(r.valueAt(i));
        }
        return out;
    }

    @Test
    void shouldGiveEachThreadTheSameRecordAgainOnceReset() throws Exception {
        MutableRecord first = MutableRecord.acquire();
        first.reset();
        assertSame(first, MutableRecord.acquire());
        first.reset();
        MutableRecord[] other = new MutableRecord[1];
        Thread t = new Thread(() -> {
            other[0] = MutableRecord.acquire();
            other[0].reset();
        });
        t.start();
        t.join(10_000);
        assertNotSame(first, other[0]);
    }

    @Test
    void shouldGiveANestedRecordWhileTheThreadsRecordIsInUseAndKeepThreeOfThem() {
        MutableRecord[] held = new MutableRecord[6];
        for (int i = 0; i < held.length; i++) {
            held[i] = MutableRecord.acquire();
            for (int j = 0; j < i; j++) {
                assertNotSame(held[j], held[i]);
            }
        }
        for (int i = held.length - 1; i >= 0; i--) {
            held[i].reset();
        }
        MutableRecord[] again = new MutableRecord[6];
        for (int i = 0; i < again.length; i++) {
            again[i] = MutableRecord.acquire();
        }
        for (int i = 0; i < 4; i++) {
            assertSame(held[i], again[i], "kept record " + i);
        }
        assertNotSame(held[4], again[4]);
        assertNotSame(held[5], again[5]);
        for (MutableRecord r : again) {
            r.reset();
        }
    }

    @Test
    void shouldKeepTheRecordBeingCapturedWhenAToStringFillsAnotherRecordOfTheThread() {
        Object logsWhenRendered = new Object() {
            @Override
            public String toString() {
                MutableRecord inner = MutableRecord.acquire().level(Level.ERROR).logger("inner")
                        .template("inner {}").argument("i").keyValue("ik", "iv");
                inner.capture();
                inner.reset();
                return "rendered";
            }
        };
        MutableRecord outer = MutableRecord.acquire().level(Level.WARN).logger("outer")
                .template("outer {} {}").argument(logsWhenRendered).argument(7).keyValue("k", logsWhenRendered);
        outer.capture();
        assertEquals(Level.WARN, outer.level());
        assertEquals("outer", outer.logger());
        assertEquals("outer {} {}", outer.template());
        assertEquals(Arrays.asList("rendered", 7), arguments(outer));
        assertEquals(Arrays.asList("k", "rendered"), keyValues(outer));
        outer.reset();
    }

    @Test
    void shouldCaptureIntoItsOwnArraysAndLeaveTheCallersAlone() {
        StringBuilder mutable = new StringBuilder("before");
        Object[] args = {"a", mutable, 3L, new IllegalStateException("last")};
        Object[] kv = {"k1", mutable, "k2", 2, "odd"};
        MutableRecord r = new MutableRecord().arguments(args, 3).keyValues(kv)
                .throwable((Throwable) args[3]).mdc(Map.of("user", "ann"));
        r.capture();
        mutable.append(" after");
        assertEquals(Arrays.asList("a", "before", 3L), arguments(r));
        assertEquals(Arrays.asList("k1", "before", "k2", 2), keyValues(r));
        assertTrue(r.throwableText().startsWith("java.lang.IllegalStateException: last\n\tat "), r.throwableText());
        assertEquals(Map.of("user", "ann"), r.mdc());
        assertSame(mutable, args[1]);
        assertSame(mutable, kv[1]);
    }

    @Test
    void shouldGrowBeyondItsInitialArraysAndBeEmptyAfterReset() {
        MutableRecord r = new MutableRecord();
        Object[] many = new Object[100];
        for (int i = 0; i < many.length; i++) {
            many[i] = i;
            r.argument(i).keyValue("k" + i, i);
        }
        r.arguments(many).thread("t").logger("l").template("x").throwableText("trace").level(Level.ERROR);
        assertEquals(200, r.argumentCount());
        assertEquals(100, r.keyValueCount());
        assertEquals(99, r.argumentAt(199));
        assertEquals("k99", r.keyAt(99));
        r.reset();
        assertEquals(0, r.argumentCount());
        assertEquals(0, r.keyValueCount());
        assertEquals(Level.INFO, r.level());
        assertNull(r.thread());
        assertNull(r.logger());
        assertNull(r.template());
        assertNull(r.throwableText());
        assertNull(r.mdc());
        r.argument(null).arguments(null).keyValues(null);
        assertArrayEquals(new Object[]{null}, arguments(r).toArray());
        assertEquals(0, r.keyValueCount());
    }
}

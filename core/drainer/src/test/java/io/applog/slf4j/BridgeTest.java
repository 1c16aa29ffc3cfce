package io.applog.slf4j;

import io.applog.bridge.Bridge;
import io.applog.bridge.EventKeyValues;
import io.applog.record.MutableRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.Marker;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.event.KeyValuePair;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class BridgeTest {
    private static final BasicMarkerFactory MARKERS = new BasicMarkerFactory();

    @ParameterizedTest
    @CsvSource({
            "io.applog, true", "io.applog.drain.Drainer, true", "io.applog$Inner, true",
            "net.openhft, true", "net.openhft.chronicle.queue.impl.X, true",
            "io.applogger, false", "net.openhftx.Y, false", "demo.Worker, false",
            "io, false", "net, false", "'', false"})
    void shouldTreatOnlyApplogAndChronicleLoggersAsInternal(String name, boolean internal) {
        assertEquals(internal, Bridge.isInternal(name));
    }

    @Test
    void shouldPutMarkerNamesFirstThenTheKeyValuesInOrder() {
        List<Marker> markers = List.of(MARKERS.getMarker("AUDIT"), MARKERS.getMarker("SECURITY"));
        List<KeyValuePair> pairs = List.of(new KeyValuePair("order", 1234), new KeyValuePair(null, "v"));
        assertEquals(Arrays.asList("marker", "AUDIT,SECURITY", "order", 1234, "null", "v"),
                keyValues(EventKeyValues.markerNames(markers), pairs));
        assertEquals(Arrays.asList("order", 1234, "null", "v"), keyValues(EventKeyValues.markerNames(null), pairs));
        assertNull(EventKeyValues.markerNames(List.of()));
        assertEquals("AUDIT", EventKeyValues.markerNames(List.of(MARKERS.getMarker("AUDIT"))));
        assertEquals(List.of(), keyValues(null, null));
    }

    /** The key-value pairs {@link EventKeyValues#add} adds to a record, flattened. */
    private static List<Object> keyValues(String markerNames, List<KeyValuePair> pairs) {
        MutableRecord r = new MutableRecord();
        EventKeyValues.add(r, markerNames, pairs);
        List<Object> flat = new ArrayList<>();
        for (int i = 0; i < r.keyValueCount(); i++) {
            flat.add(r.keyAt(i));
            flat.add(r.valueAt(i));
        }
        return flat;
    }

    @ParameterizedTest
    @CsvSource({"0, TRACE", "9, TRACE", "10, DEBUG", "20, INFO", "30, WARN", "40, ERROR", "50, ERROR", "-1, TRACE"})
    void shouldMapLocationAwareLevelInts(int levelInt, io.applog.Level expected) {
        assertEquals(expected, ApplogLogger.fromInt(levelInt));
    }

    @Test
    void shouldCompareLevelsAgainstAFixedThreshold() {
        ApplogLogger info = new ApplogLogger("demo.X", io.applog.Level.INFO);
        assertEquals(List.of(false, false, true, true, true), List.of(info.isTraceEnabled(),
                info.isDebugEnabled(), info.isInfoEnabled(), info.isWarnEnabled(), info.isErrorEnabled()));
        ApplogLogger off = new ApplogLogger("demo.X", io.applog.Level.OFF);
        assertEquals(List.of(false, false, false, false, false), List.of(off.isTraceEnabled(),
                off.isDebugEnabled(), off.isInfoEnabled(), off.isWarnEnabled(), off.isErrorEnabled()));
        ApplogLogger trace = new ApplogLogger("demo.X", io.applog.Level.TRACE);
        assertEquals(true, trace.isTraceEnabled());
    }
}

package io.applog.bridge;

import io.applog.record.MutableRecord;
import io.applog.record.RecordLayout;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;

import java.util.List;

/**
 * An SLF4J 2 event's markers and key-value pairs as a record's key-value pairs, the same for
 * every front end that receives such an event (the SLF4J provider's fluent API, the Logback
 * appender): the markers first, as one pair {@value RecordLayout#MARKER_KEY} with their names
 * joined by commas, then the key-value pairs in their order.
 */
public final class EventKeyValues {
    private EventKeyValues() {
    }

    /** The names of {@code markers} joined by commas, or null when there is none; one marker allocates nothing. */
    public static String markerNames(List<Marker> markers) {
        final int n = markers == null ? 0 : markers.size();
        if (n == 0) {
            return null;
        }
        if (n == 1) {
            return String.valueOf(name(markers.get(0)));
        }
        StringBuilder names = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                names.append(',');
            }
            names.append(name(markers.get(i)));
        }
        return names.toString();
    }

    private static String name(Marker m) {
        return m == null ? null : m.getName();
    }

    /** Adds {@code marker} with {@code markerNames} (if not null) and then {@code pairs}, in order. */
    public static void add(MutableRecord r, String markerNames, List<KeyValuePair> pairs) {
        if (markerNames != null) {
            r.keyValue(RecordLayout.MARKER_KEY, markerNames);
        }
        final int n = pairs == null ? 0 : pairs.size();
        for (int i = 0; i < n; i++) {
            KeyValuePair p = pairs.get(i);
            if (p == null) {
                r.keyValue("null", null);
            } else {
                r.keyValue(String.valueOf(p.key), p.value);
            }
        }
    }
}

package io.applog.format;

import io.applog.record.LogEvent;

import java.time.ZoneId;
import java.util.Locale;

/**
 * Renders one decoded record as output text.
 *
 * <p>Implementations keep reusable buffers and are owned by one thread each.
 */
public interface RecordFormat {

    /** Appends exactly one complete record to {@code out}, ending with {@code '\n'}. */
    void format(LogEvent event, StringBuilder out);

    /**
     * Returns a new format by name: {@code text} for {@link TextFormat} (local times in
     * {@code zone}) or {@code json} for {@link JsonFormat} (UTC times).
     *
     * @throws IllegalArgumentException for any other name
     */
    static RecordFormat of(String name, ZoneId zone) {
        final String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        switch (key) {
            case "text":
                return new TextFormat(zone);
            case "json":
                return new JsonFormat();
            default:
                throw new IllegalArgumentException("format=" + name + " (expected text or json)");
        }
    }
}

package io.applog.format;

import io.applog.record.DecodedRecord;

import java.time.ZoneId;
import java.util.Locale;

/**
 * Renders one decoded record as output text.
 *
 * <p>Implementations keep reusable buffers and are owned by one thread each.
 */
public interface RecordFormat {

    /** Appends exactly one complete record to {@code out}, ending with {@code '\n'}. */
    void format(DecodedRecord event, StringBuilder out);

    /**
     * Whether this format writes records read as plain text ({@link DecodedRecord#isPlain}) straight
     * as bytes ({@link #maxBytes}, {@link #formatBytes}); a reader asks its decoder for them then.
     */
    default boolean writesPlainBytes() {
        return false;
    }

    /**
     * Whether this format shows MDC and key-values: a record that has them is then not read as
     * plain bytes (the plain fields leave them out).
     */
    default boolean showsContext() {
        return false;
    }

    /**
     * Room {@link #formatBytes} needs for {@code event}, or -1 if the event must go through
     * {@link #format(DecodedRecord, StringBuilder)}.
     */
    default int maxBytes(DecodedRecord event) {
        return -1;
    }

    /**
     * Writes exactly one complete record as UTF-8 into {@code out} from {@code at} (with
     * {@link #maxBytes} of room), the same bytes {@link #format(DecodedRecord, StringBuilder)} would
     * give; returns the end.
     */
    default int formatBytes(DecodedRecord event, byte[] out, int at) {
        throw new UnsupportedOperationException("this format writes text only");
    }

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

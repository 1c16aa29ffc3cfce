package io.applog.format;

import io.applog.OutputFormat;
import io.applog.internal.PatternSyntax;
import io.applog.record.DecodedRecord;

import java.time.ZoneId;

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
     * {@code zone}), {@code json} for {@link JsonFormat} (UTC times), {@code otel} for
     * {@link OtelFormat}.
     *
     * @throws IllegalArgumentException for any other name
     */
    static RecordFormat of(String name, ZoneId zone) {
        return of(name, null, zone);
    }

    /**
     * Returns a new format by name, as {@link #of(String, ZoneId)}; a text format with a
     * {@code pattern} other than null or the default line ({@link PatternSyntax#DEFAULT}, which
     * is {@link TextFormat} with its byte path) is a {@link PatternFormat}.
     *
     * @throws IllegalArgumentException for an unknown name, a pattern with another format than
     *                                  text, or a pattern that does not compile (the message
     *                                  gives its position)
     */
    static RecordFormat of(String name, String pattern, ZoneId zone) {
        final OutputFormat format = OutputFormat.parse("format", name);
        if (pattern != null && format != OutputFormat.TEXT) {
            throw new IllegalArgumentException("a pattern is for the text format only, not " + format.id());
        }
        switch (format) {
            case TEXT:
                return pattern == null || pattern.equals(PatternSyntax.DEFAULT) ? new TextFormat(zone)
                        : PatternFormat.compile(pattern, zone);
            case JSON:
                return new JsonFormat();
            case OTEL:
                return new OtelFormat();
            default:
                throw new IllegalStateException("no format for " + format);
        }
    }
}

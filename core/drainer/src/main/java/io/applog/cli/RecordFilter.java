package io.applog.cli;

import io.applog.Level;
import io.applog.record.DecodedRecord;

import java.util.regex.Pattern;

/** The record filters of {@code applog cat}; a null criterion accepts everything. */
final class RecordFilter {
    private final Level minLevel;
    private final String loggerPrefix;
    private final String process;
    private final Pattern grep;
    private final long fromNanos;
    private final long toNanos;

    RecordFilter(Level minLevel, String loggerPrefix, String process, Pattern grep,
                 long fromNanos, long toNanos) {
        this.minLevel = minLevel;
        this.loggerPrefix = loggerPrefix;
        this.process = process;
        this.grep = grep;
        this.fromNanos = fromNanos;
        this.toNanos = toNanos;
    }

    /** True if the record passes; {@code text} is its formatted form, for --grep. */
    boolean accepts(DecodedRecord e, CharSequence text) {
        if (minLevel != null && e.level.ordinal() < minLevel.ordinal()) {
            return false;
        }
        if (e.timestampNanos < fromNanos || e.timestampNanos >= toNanos) {
            return false;
        }
        if (process != null && !process.equals(e.process)) {
            return false;
        }
        if (loggerPrefix != null && !isUnder(e.logger, loggerPrefix)) {
            return false;
        }
        return grep == null || grep.matcher(text).find();
    }

    private static boolean isUnder(CharSequence logger, String prefix) {
        int n = prefix.length();
        if (logger.length() < n) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (logger.charAt(i) != prefix.charAt(i)) {
                return false;
            }
        }
        return logger.length() == n || logger.charAt(n) == '.' || logger.charAt(n) == '$'
                || prefix.endsWith(".");
    }
}

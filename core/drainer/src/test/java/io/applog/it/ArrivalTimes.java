package io.applog.it;

import io.applog.testing.LogLine;
import io.applog.writer.QueueWriter;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The times of records that carried a time of their own ({@code applog log --input json}) and
 * got the time they arrived at, or kept theirs within 50 ms of it: checked to lie within a
 * run and never to go back, then cut off, so that the rest of each line can be compared exactly.
 */
final class ArrivalTimes {
    private static final Pattern JSON_TIME = Pattern.compile("\\{\"time\":\"([^\"]+)\",");
    /** "yyyy-MM-dd HH:mm:ss.SSSSSS " */
    private static final int TEXT_TIME_CHARS = 27;

    private ArrivalTimes() {
    }

    /** The wall clock in epoch nanoseconds, for the bounds of a run. */
    static long wallNanos() {
        return nanos(Instant.now());
    }

    private static long nanos(Instant t) {
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }

    /**
     * A text logfile's lines with the time of each record line checked to lie within
     * [{@code from} - 50 ms, {@code to}] and never to go back, and cut off.
     */
    static List<String> textTimesCut(List<String> lines, long from, long to) {
        List<String> out = new ArrayList<>();
        long last = Long.MIN_VALUE;
        for (String line : lines) {
            LogLine record = LogLine.parse(line);
            if (record == null) {
                out.add(line); // a continuation line
                continue;
            }
            last = check(nanos(record.instant()), last, from - 1_000, to, line); // the text shows microseconds
            out.add(line.substring(TEXT_TIME_CHARS));
        }
        return out;
    }

    /** A JSON logfile's lines with each time checked as in {@link #textTimesCut} and replaced by T. */
    static List<String> jsonTimesCut(List<String> lines, long from, long to) {
        List<String> out = new ArrayList<>();
        long last = Long.MIN_VALUE;
        for (String line : lines) {
            Matcher m = JSON_TIME.matcher(line);
            assertTrue(m.lookingAt(), "a JSON record line: " + line);
            last = check(nanos(Instant.parse(m.group(1))), last, from, to, line);
            out.add("{\"time\":\"T\"," + line.substring(m.end()));
        }
        return out;
    }

    private static long check(long nanos, long last, long from, long to, String line) {
        assertTrue(nanos >= from - QueueWriter.MAX_BACKDATE_NANOS && nanos <= to, "a time within the run: " + line);
        assertTrue(nanos >= last, "in time order: " + line);
        return nanos;
    }
}

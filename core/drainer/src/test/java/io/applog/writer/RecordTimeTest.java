package io.applog.writer;

import io.applog.Level;
import io.applog.drain.InProcessDrain;
import io.applog.internal.Queues;
import io.applog.record.MutableRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The time a record carries ({@link MutableRecord#timestampNanos(long)}): the writer keeps it
 * within [max(last timestamp, now - 50 ms), now], so its queue stays monotone and within the
 * drainer's reorder window.
 */
class RecordTimeTest {
    private static final long MS = 1_000_000L;
    private static final long HOUR = 3_600_000 * MS;
    /** What the writer's clock (nanoTime calibrated to the wall clock) may differ from Instant.now() by. */
    private static final long CLOCKS = 10 * MS;
    private static final Pattern JSON_TIME = Pattern.compile("\\{\"time\":\"([^\"]+)\".*\"message\":\"([^\"]*)\"}");

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "given {0}, last {1}, now {2}: {3}")
    @CsvSource({
            "10000000000, 0, 10000000000, 10000000000",
            "9950000000, 0, 10000000000, 9950000000",
            "9949999999, 0, 10000000000, 9950000000",
            "9990000000, 0, 10000000000, 9990000000",
            "10000000001, 0, 10000000000, 10000000000",
            "-9223372036854775808, 0, 10000000000, 9950000000",
            "9223372036854775807, 0, 10000000000, 10000000000",
            "9990000000, 9995000000, 10000000000, 9995000000",
            "9960000000, 9955000000, 10000000000, 9960000000",
            "10000000000, 10000000007, 10000000000, 10000000007"})
    void shouldKeepTheGivenTimeOnlyBetweenTheLastOrFiftyMillisecondsAgoAndNow(long given, long last, long now,
                                                                             long expected) {
        assertEquals(50 * MS, QueueWriter.MAX_BACKDATE_NANOS);
        assertEquals(expected, QueueWriter.clamp(given, last, now));
    }

    private static long wallNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    private static MutableRecord record(String message) {
        return MutableRecord.acquire().level(Level.INFO).logger("t").template(message);
    }

    @Test
    void shouldMoveAStaleOrFutureTimeToTheTimeOfArrivalAndNeverGoBack() throws Exception {
        Path queue = tmp.resolve("q");
        long start = wallNanos();
        long live;
        try (QueueWriter w = QueueWriter.open(queue, "p", Queues.rollCycle("FIVE_MINUTELY"), 0, false)) {
            assertTrue(w.append(record("stale").timestampNanos(wallNanos() - HOUR)));
            assertTrue(w.append(record("future").timestampNanos(wallNanos() + HOUR)));
            live = wallNanos() - 5 * MS;
            assertTrue(w.append(record("live").timestampNanos(live)));
            assertTrue(w.append(record("clock")));
        }
        long end = wallNanos();
        Path out = tmp.resolve("out.json");
        InProcessDrain.drain(queue, out, "json");
        List<String> lines = Files.readAllLines(out);
        assertEquals(4, lines.size(), String.join("\n", lines));
        long[] times = new long[4];
        for (int i = 0; i < 4; i++) {
            Matcher m = JSON_TIME.matcher(lines.get(i));
            assertTrue(m.matches(), lines.get(i));
            assertEquals(List.of("stale", "future", "live", "clock").get(i), m.group(2));
            Instant t = Instant.parse(m.group(1));
            times[i] = t.getEpochSecond() * 1_000_000_000L + t.getNano();
            assertTrue(times[i] >= start - QueueWriter.MAX_BACKDATE_NANOS - CLOCKS && times[i] <= end + CLOCKS,
                    "about now, not an hour away: " + lines.get(i));
            assertTrue(i == 0 || times[i] >= times[i - 1], "monotone: " + lines);
        }
        // kept, or moved forward to the previous record's time (which clamp's own cases pin down exactly), never back
        assertTrue(times[2] >= live && times[2] <= times[3], "the live record: " + lines.get(2));
    }
}

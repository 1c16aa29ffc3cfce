package io.applog.writer;

import java.time.Instant;

/**
 * Epoch nanoseconds from {@link System#nanoTime()} plus an offset to the wall clock,
 * re-calibrated by the heartbeat thread. Reading it costs one nanoTime call and allocates
 * nothing. Callers that need monotone values enforce them themselves.
 */
final class EpochClock {
    private volatile long offset;

    EpochClock() {
        calibrate();
    }

    long epochNanos() {
        return System.nanoTime() + offset;
    }

    /** Re-reads the wall clock; called once per heartbeat. */
    void calibrate() {
        Instant now = Instant.now();
        long nano = System.nanoTime();
        offset = now.getEpochSecond() * 1_000_000_000L + now.getNano() - nano;
    }
}

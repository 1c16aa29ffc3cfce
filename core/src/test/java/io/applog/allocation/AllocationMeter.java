package io.applog.allocation;

import java.lang.management.ManagementFactory;
import java.util.function.IntConsumer;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bytes the calling thread allocates per round of logging calls once they are warm: the
 * round runs {@value #WARM_UP} times, then in {@value #WINDOWS} windows of {@value #CALLS} rounds,
 * each between two readings of the thread's allocated bytes; the answer is the least window's
 * bytes per round. A per-call allocation (at least 16 bytes per round) shows in every window;
 * what the JIT has not yet removed does not: C2 may compile the frameworks' own calls late, or
 * again after a deoptimization, and until then their short-lived objects (Log4j2's
 * {@code Instant}, 72 bytes per round of three calls) are allocated for part of a window.
 * One-off allocations (Chronicle mapping its next chunk) stay far below one byte per round. The
 * round gets {@code 0..127}, which box to cached Integers: the call site allocates nothing.
 */
public final class AllocationMeter {
    public static final int WARM_UP = 200_000;
    public static final int WINDOWS = 10;
    public static final int CALLS = 20_000;
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private AllocationMeter() {
    }

    /** Bytes the calling thread allocates per run of {@code round} once it is warm. */
    public static long bytesPerRound(IntConsumer round) {
        assertTrue(THREADS.isThreadAllocatedMemorySupported() && THREADS.isThreadAllocatedMemoryEnabled());
        for (int i = 0; i < WARM_UP; i++) {
            round.accept(i & 127);
        }
        long least = Long.MAX_VALUE;
        for (int window = 0; window < WINDOWS; window++) {
            long before = THREADS.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < CALLS; i++) {
                round.accept(i & 127);
            }
            least = Math.min(least, (THREADS.getCurrentThreadAllocatedBytes() - before) / CALLS);
        }
        return least;
    }
}

package io.applog.allocation;

import java.lang.management.ManagementFactory;
import java.util.function.IntConsumer;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bytes the calling thread allocates per round of logging calls once they are warm: the
 * round runs {@value #WARM_UP} times, then {@value #CALLS} times between two readings of the
 * thread's allocated bytes. The round gets {@code 0..127}, which box to cached Integers: the
 * call site allocates nothing. One-off allocations (Chronicle mapping its next chunk) stay far
 * below one byte per round; any per-call allocation is at least 16 bytes per round.
 */
public final class AllocationMeter {
    public static final int WARM_UP = 200_000;
    public static final int CALLS = 100_000;
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
        long before = THREADS.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < CALLS; i++) {
            round.accept(i & 127);
        }
        return (THREADS.getCurrentThreadAllocatedBytes() - before) / CALLS;
    }
}

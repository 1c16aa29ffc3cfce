package io.applog;

import io.applog.allocation.AllocationMeter;
import io.applog.bridge.Bridge;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.function.IntConsumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * Once warm, a logging call with up to two arguments allocates nothing in the calling thread,
 * through the {@link Logger} API and through SLF4J: the benchmark's call
 * {@code info("order {} for {}", int, "alice")} plus a call with no and with one argument,
 * counted by the thread's allocated bytes ({@link AllocationMeter}: the least of several windows
 * of rounds), also with an MDC. One-off allocations (Chronicle mapping its next chunk, a lock contended by the
 * heartbeat) stay far below one byte per round; any per-call allocation is at least 16 bytes
 * per round.
 */
class AllocationTest {
    @TempDir
    static Path tmp;
    private static Applog applog;

    @BeforeAll
    static void open() {
        applog = Applog.open(ApplogSettings.builder().queue(tmp.resolve("q")).process("alloc")
                .level(Level.INFO).drainer(ApplogSettings.DrainerMode.NONE).build());
    }

    @AfterAll
    static void close() {
        applog.close();
    }

    /**
     * Bytes the calling thread allocates per round once {@code round} is warm (three calls of the
     * same shape: the benchmark's, one with no argument, one with one).
     */
    private static long bytesPerRound(IntConsumer round) {
        long perRound = AllocationMeter.bytesPerRound(round);
        assertEquals(0, applog.dropped(), "every record was written");
        return perRound;
    }

    @Test
    void shouldAllocateNothingPerCallThroughTheLoggerApi() {
        Logger log = applog.logger("bench.Orders");
        long perRound = bytesPerRound(number -> {
            log.info("order {} for {}", number, "alice");
            log.info("plain message");
            log.info("order {}", number);
        });
        assertEquals(0, perRound, "bytes allocated per round of three calls");
    }

    @Test
    void shouldAllocateNothingPerCallThroughSlf4j() {
        org.slf4j.Logger log = LoggerFactory.getLogger("bench.Orders");
        assertEquals("io.applog.slf4j.ApplogLogger", log.getClass().getName());
        assertSame(applog, Bridge.applog(), "SLF4J writes through the Applog this test opened");
        long perRound = bytesPerRound(number -> {
            log.info("order {} for {}", number, "alice");
            log.info("plain message");
            log.info("order {}", number);
        });
        assertEquals(0, perRound, "bytes allocated per round of three calls");
    }

    @Test
    void shouldAllocateNothingPerCallWithAnMdcThroughSlf4j() {
        org.slf4j.Logger log = LoggerFactory.getLogger("bench.Orders");
        org.slf4j.MDC.put("request", "r-1");
        org.slf4j.MDC.put("user", "alice");
        try {
            long perRound = bytesPerRound(number -> {
                log.info("order {} for {}", number, "alice");
                log.info("plain message");
                log.info("order {}", number);
            });
            assertEquals(0, perRound, "bytes allocated per round of three calls with two MDC entries");
        } finally {
            org.slf4j.MDC.clear();
        }
    }
}

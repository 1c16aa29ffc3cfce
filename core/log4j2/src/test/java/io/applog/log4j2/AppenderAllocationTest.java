package io.applog.log4j2;

import io.applog.Applog;
import io.applog.allocation.AllocationMeter;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.ThreadContext;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.util.Constants;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Once warm, the {@code <Applog>} appender allocates nothing per event in Log4j2's garbage-free
 * mode (thread locals on, and for the ThreadContext {@code log4j2.garbagefreeThreadContextMap},
 * set for this module's tests in its pom): synchronous loggers run the appender in the logging
 * thread, so the thread's allocated bytes count Log4j2 and the appender together, and are
 * compared with the same calls through Log4j2's {@code Null} appender. Log4j2 2.26's default
 * clock allocates a {@code java.time.Instant} per event (24 bytes) that C2's escape analysis
 * removes in some compilations and keeps in others: it was removed through the Null appender and
 * kept through this one in one CI run. So this module's tests use Log4j2's
 * {@code SystemMillisClock} (its pom), with which Log4j2 itself allocates nothing. The rounds:
 * a call with two parameters, one with no parameter, one with one, all with a ThreadContext
 * entry. Any per-call allocation of the appender is at least 16 bytes per round; one-off ones
 * (Chronicle mapping its next chunk) stay far below one.
 */
class AppenderAllocationTest {
    @TempDir
    static Path tmp;
    private static LoggerContext context;

    @BeforeAll
    static void configure() throws Exception {
        Path xml = tmp.resolve("log4j2.xml");
        Files.writeString(xml, "<Configuration><Appenders><Applog name=\"APPLOG\" queue=\"" + tmp.resolve("q")
                + "\" process=\"alloc\" drainer=\"none\"/>"
                + "<Null name=\"NULL\"/></Appenders>"
                + "<Loggers><Logger name=\"baseline\" level=\"info\" additivity=\"false\"><AppenderRef ref=\"NULL\"/></Logger>"
                + "<Root level=\"info\"><AppenderRef ref=\"APPLOG\"/></Root></Loggers></Configuration>",
                StandardCharsets.UTF_8);
        context = Configurator.initialize("alloc", xml.toString());
    }

    @AfterAll
    static void shutdown() {
        Configurator.shutdown(context);
    }

    @Test
    void shouldAllocateNothingPerEventInGarbageFreeModeBeyondWhatLog4j2Allocates() {
        assertTrue(Constants.ENABLE_THREADLOCALS, "Log4j2's garbage-free mode (thread locals) is on");
        assertTrue(ThreadContext.getThreadContextMap().getClass().getSimpleName().startsWith("GarbageFree"),
                ThreadContext.getThreadContextMap().getClass().getName());
        ApplogAppender appender = context.getConfiguration().getAppender("APPLOG");
        assertNotNull(appender, "the <Applog> appender was created");
        ThreadContext.put("request", "r-1");
        try {
            long baseline = bytesPerRound(context.getLogger("baseline"));
            long applog = bytesPerRound(context.getLogger("bench.Orders"));
            assertEquals(0, Applog.current().dropped(), "every record was written");
            assertEquals(0, appender.failures(), "no append failed");
            assertEquals(0, baseline, "Log4j2's own bytes per round through the Null appender");
            assertEquals(0, applog, "bytes allocated per round of three calls through the <Applog> appender");
        } finally {
            ThreadContext.clearMap();
        }
    }

    /** Bytes the calling thread allocates per round through {@code log} once warm. */
    private static long bytesPerRound(Logger log) {
        return AllocationMeter.bytesPerRound(number -> round(log, number));
    }

    private static void round(Logger log, int number) {
        log.info("order {} for {}", number, "alice");
        log.info("plain message");
        log.info("order {}", number);
    }
}

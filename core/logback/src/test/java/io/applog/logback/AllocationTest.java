package io.applog.logback;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import io.applog.allocation.AllocationMeter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Marker;
import org.slf4j.MarkerFactory;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Once warm, the {@link ApplogAppender} allocates nothing beyond what Logback allocates for an
 * event itself: the bytes the calling thread allocates per round of four logging calls (two
 * arguments, none, one, a marker with one, with an MDC entry) through a Logback logger with
 * the ApplogAppender equal those through a Logback logger whose appender only reads the same
 * fields of each event. Logback's own share (the event, its argument array, its time) is
 * about 200 bytes per call and not applog's to remove. One-off allocations (Chronicle mapping
 * its next chunk) stay below one byte per round; any per-call allocation is at least 16 bytes.
 */
class AllocationTest {
    private static final Marker AUDIT = MarkerFactory.getMarker("AUDIT");

    @TempDir
    Path tmp;

    /** Reads what the ApplogAppender reads of an event, and keeps the event: Logback's share alone. */
    private static final class ReadingAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {
        volatile Object last;
        long fields;

        @Override
        protected void append(ILoggingEvent e) {
            fields += e.getLevel().toInt() + e.getThreadName().length() + e.getLoggerName().length()
                    + e.getMessage().length() + (e.getArgumentArray() == null ? 0 : e.getArgumentArray().length)
                    + e.getMDCPropertyMap().size() + (e.getMarkerList() == null ? 0 : e.getMarkerList().size())
                    + (e.getKeyValuePairs() == null ? 0 : 1) + (e.getThrowableProxy() == null ? 0 : 1);
            last = e;
        }
    }

    /** A logger of a context of its own that sends every event to {@code appender} only. */
    private static Logger logger(LoggerContext context, Appender<ILoggingEvent> appender) {
        context.setMDCAdapter(new LogbackMDCAdapter());
        appender.setContext(context);
        appender.setName("under-test");
        appender.start();
        assertTrue(appender.isStarted(), "appender started: " + context.getStatusManager().getCopyOfStatusList());
        Logger logger = context.getLogger("bench.Orders");
        logger.setLevel(ch.qos.logback.classic.Level.INFO);
        logger.setAdditive(false);
        logger.addAppender(appender);
        return logger;
    }

    /** Bytes the calling thread allocates per round of four calls through {@code log}, once warm. */
    private static long bytesPerRound(Logger log) {
        LogbackMDCAdapter mdc = (LogbackMDCAdapter) log.getLoggerContext().getMDCAdapter();
        mdc.put("request", "r-1");
        return AllocationMeter.bytesPerRound(number -> round(log, number));
    }

    private static void round(Logger log, int number) {
        log.info("order {} for {}", number, "alice");
        log.info("plain message");
        log.info("order {}", number);
        log.info(AUDIT, "audited order {}", number);
    }

    @Test
    void shouldAllocateNothingBeyondLogbacksOwnEvent() {
        LoggerContext reading = new LoggerContext();
        long logbackAlone = bytesPerRound(logger(reading, new ReadingAppender()));
        reading.stop();

        LoggerContext applog = new LoggerContext();
        ApplogAppender appender = new ApplogAppender();
        appender.setQueue(tmp.resolve("q").toString());
        appender.setProcess("alloc");
        appender.setDrainer("none");
        long withApplog = bytesPerRound(logger(applog, appender));
        assertEquals(0, appender.dropped(), "every record was written");
        assertEquals(0, appender.failures(), "no event failed");
        applog.stop();

        assertTrue(logbackAlone > 0, "Logback allocates its events: " + logbackAlone + " bytes per round");
        assertEquals(logbackAlone, withApplog, "bytes allocated per round of four calls, Logback's included");
    }
}

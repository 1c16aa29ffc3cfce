package io.applog.log4j2;

import io.applog.record.MutableRecord;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.MarkerManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.impl.ContextDataFactory;
import org.apache.logging.log4j.core.impl.Log4jLogEvent;
import org.apache.logging.log4j.message.Message;
import org.apache.logging.log4j.message.ObjectMessage;
import org.apache.logging.log4j.message.ParameterizedMessage;
import org.apache.logging.log4j.message.ReusableObjectMessage;
import org.apache.logging.log4j.message.ReusableParameterizedMessage;
import org.apache.logging.log4j.message.SimpleMessage;
import org.apache.logging.log4j.util.StringMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How a Log4j2 event fills a record: level, message and arguments, context data, marker. */
class EventRecordsTest {
    private final MutableRecord record = new MutableRecord();
    private EventRecords events;

    @AfterEach
    void release() {
        if (events != null) {
            events.release();
        }
    }

    private MutableRecord fill(LogEvent event) {
        events = EventRecords.acquire();
        events.fill(record, event);
        return record;
    }

    private static Log4jLogEvent.Builder event(Message message) {
        return Log4jLogEvent.newBuilder().setLoggerName("demo.Worker").setLevel(Level.INFO).setMessage(message)
                .setThreadName("worker-thread").setThreadId(Thread.currentThread().getId());
    }

    /** The record's arguments as captured values. */
    private static List<Object> arguments(MutableRecord r) {
        List<Object> args = new ArrayList<>();
        for (int i = 0; i < r.argumentCount(); i++) {
            args.add(r.argumentAt(i));
        }
        return args;
    }

    @ParameterizedTest
    @CsvSource({"FATAL,ERROR", "ERROR,ERROR", "WARN,WARN", "INFO,INFO", "DEBUG,DEBUG", "TRACE,TRACE", "ALL,TRACE"})
    void shouldMapLog4j2Levels(String log4j, String applog) {
        assertEquals(applog, EventRecords.level(Level.getLevel(log4j).intLevel()).name());
    }

    @ParameterizedTest
    @CsvSource({"150,ERROR", "250,WARN", "350,INFO", "450,DEBUG", "550,TRACE"})
    void shouldMapACustomLevelToTheStandardLevelItIsEnabledWith(int intLevel, String applog) {
        assertEquals(applog, EventRecords.level(Level.forName("CUSTOM_" + intLevel, intLevel).intLevel()).name());
    }

    @Test
    void shouldKeepTheFormatAndParametersAndTakeATrailingThrowableAsTheRecordsThrowable() {
        IllegalStateException boom = new IllegalStateException("boom");
        ParameterizedMessage m = new ParameterizedMessage("order {} for {}", 7, "alice", boom);
        MutableRecord r = fill(event(m).setThrown(m.getThrowable()).build());
        assertEquals("order {} for {}", r.template());
        assertEquals(List.of(7, "alice"), arguments(r));
        assertEquals("worker-thread", r.thread());
        assertEquals("demo.Worker", r.logger());
        r.capture();
        assertTrue(r.throwableText().startsWith("java.lang.IllegalStateException: boom"), r.throwableText());
    }

    @Test
    void shouldVisitOnlyTheCountedParametersOfAReusableMessage() {
        ReusableParameterizedMessage m = new ReusableParameterizedMessage();
        m.set("a {} b {} c {}", 1, "x", 3L, 4, 5);
        m.set("only {} and {}", "p", 'q');
        MutableRecord r = fill(event(m).build());
        assertEquals("only {} and {}", r.template());
        assertEquals(List.of("p", 'q'), arguments(r));
    }

    @Test
    void shouldWriteAnObjectMessageAsItsTextEvenWhenItLooksLikeATemplate() {
        ReusableObjectMessage reusable = new ReusableObjectMessage();
        reusable.set("{} is not a placeholder here");
        MutableRecord r = fill(event(reusable).build());
        assertEquals("{} is not a placeholder here", r.template());
        assertEquals(0, r.argumentCount());
        events.release();
        record.reset();
        r = fill(event(new ObjectMessage(List.of(1, 2))).build());
        assertEquals("[1, 2]", r.template());
        assertEquals(0, r.argumentCount());
    }

    @Test
    void shouldTakeTheTextFormattedAtCallTimeForAMutableArgumentOnAnotherThread() {
        StringBuilder changing = new StringBuilder("before");
        ParameterizedMessage m = new ParameterizedMessage("value {} and {}", changing, 1);
        String atCallTime = m.getFormattedMessage(); // an async logger formats in the logging thread
        changing.append(" and after");
        MutableRecord r = fill(event(m).setThreadId(Thread.currentThread().getId() + 1).build());
        assertEquals(atCallTime, r.template());
        assertEquals("value before and 1", r.template());
        assertEquals(0, r.argumentCount());
    }

    @Test
    void shouldKeepImmutableParametersOnAnotherThread() {
        MutableRecord r = fill(event(new ParameterizedMessage("value {} and {}", "x", 1))
                .setThreadId(Thread.currentThread().getId() + 1).build());
        assertEquals("value {} and {}", r.template());
        assertEquals(List.of("x", 1), arguments(r));
    }

    @Test
    void shouldKeepASimpleMessageLiterally() {
        MutableRecord r = fill(event(new SimpleMessage("literal {} and \\{}")).build());
        assertEquals("literal {} and \\{}", r.template());
        assertEquals(0, r.argumentCount());
    }

    @Test
    void shouldCarryTheContextDataInKeyOrderAndTheMarkerAsThePairMarker() {
        StringMap data = ContextDataFactory.createContextData();
        data.putValue("user", "ann");
        data.putValue("request", "r-1");
        MutableRecord r = fill(event(new SimpleMessage("m")).setContextData(data)
                .setMarker(MarkerManager.getMarker("AUDIT")).build());
        List<String> entries = new ArrayList<>();
        for (int pass = 0; pass < 2; pass++) { // the reused iterator starts again at each pass
            for (Map.Entry<String, String> e : r.mdc().entrySet()) {
                entries.add(e.getKey() + "=" + e.getValue());
            }
        }
        r.mdc().forEach((k, v) -> entries.add(k + ":" + v));
        assertEquals(List.of("request=r-1", "user=ann", "request=r-1", "user=ann", "request:r-1", "user:ann"),
                entries);
        assertEquals(1, r.keyValueCount());
        assertEquals("marker", r.keyAt(0));
        assertEquals("AUDIT", r.valueAt(0));
    }

    @Test
    void shouldLeaveTheMdcUnsetWithoutContextData() {
        assertNull(fill(event(new SimpleMessage("m")).build()).mdc());
    }
}

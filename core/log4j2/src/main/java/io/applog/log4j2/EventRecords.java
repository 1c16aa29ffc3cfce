package io.applog.log4j2;

import io.applog.Level;
import io.applog.record.MutableRecord;
import io.applog.record.RecordLayout;
import org.apache.logging.log4j.Marker;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.message.Message;
import org.apache.logging.log4j.message.ParameterConsumer;
import org.apache.logging.log4j.message.ParameterVisitable;
import org.apache.logging.log4j.message.ParameterizedMessage;
import org.apache.logging.log4j.message.ReusableMessage;
import org.apache.logging.log4j.message.ReusableObjectMessage;
import org.apache.logging.log4j.util.ReadOnlyStringMap;
import org.apache.logging.log4j.util.StringBuilderFormattable;

/**
 * Fills a {@link MutableRecord} from a Log4j2 {@link LogEvent}, by name, the way the SLF4J
 * provider fills it from a logging call; one instance per appending thread, so nothing is
 * allocated per event.
 *
 * <ul>
 *   <li>level: Log4j2's by its {@code intLevel}: FATAL (100) and anything up to ERROR (200) is
 *       ERROR, up to WARN (300) WARN, up to INFO (400) INFO, up to DEBUG (500) DEBUG, beyond
 *       TRACE; a custom level goes to the standard level it is enabled with;</li>
 *   <li>thread: the event's thread name, set explicitly (with async loggers the appender runs
 *       on Log4j2's background thread);</li>
 *   <li>message: a parameterized message ({@code ParameterizedMessage}, or its reusable form in
 *       garbage-free mode, also inside an async logger's ring-buffer event) as its format and
 *       its parameters, which the drainer fills like the provider's; a trailing parameter that
 *       is the event's throwable is the record's throwable, not an argument. Any other message
 *       is its formatted text with no arguments, which the drainer writes as it is. When the
 *       appender runs on another thread than the one that logged and a parameter is not an
 *       immutable value (string, boxed primitive, null), the text Log4j2 formatted in the
 *       logging thread is taken instead: a later change of that object must not show;</li>
 *   <li>throwable: {@link LogEvent#getThrown()}, written with its causes and suppressed;</li>
 *   <li>context data (ThreadContext): the record's MDC, in Log4j2's key order;</li>
 *   <li>marker: the key-value pair {@code marker} with the marker's name, as the provider's.</li>
 * </ul>
 */
final class EventRecords {
    private static final ThreadLocal<EventRecords> THREAD = ThreadLocal.withInitial(EventRecords::new);
    private static final ParameterConsumer<EventRecords> INSPECT = (parameter, i, self) -> self.inspect(parameter, i);
    private static final ParameterConsumer<EventRecords> ADD = (parameter, i, self) -> self.add(parameter, i);

    private static final int INITIAL_TEXT = 256;
    /** The text buffer is dropped once a message grew it beyond this, so one huge message does not stay pinned. */
    private static final int MAX_KEPT_TEXT = 16 * 1024;

    private final ContextMap context = new ContextMap();
    /** A reusable message's text, formatted here to compare it with its format. */
    private StringBuilder text = new StringBuilder(INITIAL_TEXT);
    private boolean inUse;

    /** State of one message's parameter passes. */
    private MutableRecord record;
    private Throwable thrown;
    private String format;
    private int count;
    private boolean lastIsThrown;
    private boolean allValues;
    private boolean objectMessage;

    private EventRecords() {
    }

    /**
     * The calling thread's instance, or a new one while that one is filling a record on this
     * thread (an argument's {@code toString()} that logs). Give it back with {@link #release()}.
     */
    static EventRecords acquire() {
        EventRecords e = THREAD.get();
        if (e.inUse) {
            e = new EventRecords();
        }
        e.inUse = true;
        return e;
    }

    /** Forgets the last event's context data and gives this instance back to its thread. */
    void release() {
        context.clear();
        record = null;
        thrown = null;
        format = null;
        inUse = false;
    }

    /** Fills {@code r} from {@code event}; {@code r}'s MDC refers to this instance until {@link #release()}. */
    void fill(MutableRecord r, LogEvent event) {
        final Throwable t = event.getThrown();
        r.level(level(event.getLevel().intLevel())).thread(event.getThreadName())
                .logger(event.getLoggerName()).throwable(t);
        message(r, event.getMessage(), t, event.getThreadId() != Thread.currentThread().getId());
        final ReadOnlyStringMap data = event.getContextData();
        if (data != null && !data.isEmpty()) {
            context.fill(data);
            r.mdc(context);
        }
        final Marker marker = event.getMarker();
        if (marker != null) {
            r.keyValue(RecordLayout.MARKER_KEY, marker.getName());
        }
    }

    /** applog's level for Log4j2's {@code intLevel} (smaller is more severe). */
    static Level level(int intLevel) {
        if (intLevel <= 200) {
            return Level.ERROR;
        } else if (intLevel <= 300) {
            return Level.WARN;
        } else if (intLevel <= 400) {
            return Level.INFO;
        } else if (intLevel <= 500) {
            return Level.DEBUG;
        }
        return Level.TRACE;
    }

    private void message(MutableRecord r, Message m, Throwable t, boolean otherThread) {
        if (m instanceof ParameterizedMessage) {
            final Object[] parameters = m.getParameters();
            int n = parameters == null ? 0 : parameters.length;
            if (n > 0 && t != null && parameters[n - 1] == t) {
                n--;
            }
            if (n > 0 && (!otherThread || values(parameters, n))) {
                r.template(m.getFormat()).arguments(parameters, n);
                return;
            }
        } else if (m instanceof ReusableMessage && m instanceof ParameterVisitable
                && !(m instanceof ReusableObjectMessage) && parameterized(r, (ReusableMessage) m, t, otherThread)) {
            return;
        }
        r.template(text(m));
    }

    /**
     * A reusable message with parameters (its array may be longer than its count, so they are
     * visited, never copied): fills {@code r} and returns true, or returns false for text.
     */
    private boolean parameterized(MutableRecord r, ReusableMessage m, Throwable t, boolean otherThread) {
        final int n = m.getParameterCount();
        final String f = m.getFormat();
        if (n <= 0 || f == null) {
            return false;
        }
        thrown = t;
        format = f;
        count = n;
        lastIsThrown = false;
        allValues = true;
        objectMessage = false;
        ((ParameterVisitable) m).forEachParameter(INSPECT, this);
        // an object message inside an async event: its one "parameter" is the format itself
        final int arguments = lastIsThrown ? n - 1 : n;
        if (objectMessage || arguments == 0 || (otherThread && !allValues)) {
            return false;
        }
        record = r;
        count = arguments;
        r.template(f);
        ((ParameterVisitable) m).forEachParameter(ADD, this);
        record = null;
        return true;
    }

    private void inspect(Object parameter, int i) {
        if (i == 0 && count == 1 && parameter == format) {
            objectMessage = true;
        }
        if (i == count - 1 && thrown != null && parameter == thrown) {
            lastIsThrown = true;
        } else if (!isValue(parameter)) {
            allValues = false;
        }
    }

    private void add(Object parameter, int i) {
        if (i < count) {
            record.argument(parameter);
        }
    }

    private static boolean values(Object[] parameters, int n) {
        for (int i = 0; i < n; i++) {
            if (!isValue(parameters[i])) {
                return false;
            }
        }
        return true;
    }

    /** True for what a record keeps as it is (the types applog's argument capture does not render). */
    private static boolean isValue(Object o) {
        return o == null || o instanceof String || o instanceof Integer || o instanceof Long
                || o instanceof Double || o instanceof Boolean || o instanceof Float
                || o instanceof Character || o instanceof Byte || o instanceof Short;
    }

    /**
     * The message's text: its format when that is the text (a simple message, also inside a
     * reusable or async event; compared without copying it into a string), else Log4j2's
     * formatted message.
     */
    private String text(Message m) {
        final String f = m.getFormat();
        if (f != null && m instanceof CharSequence) {
            return f.contentEquals((CharSequence) m) ? f : m.getFormattedMessage();
        }
        if (m instanceof StringBuilderFormattable) {
            final StringBuilder b = text;
            b.setLength(0);
            ((StringBuilderFormattable) m).formatTo(b);
            final String s = f != null && f.contentEquals(b) ? f : b.toString();
            if (b.capacity() > MAX_KEPT_TEXT) {
                text = new StringBuilder(INITIAL_TEXT);
            }
            return s;
        }
        return m.getFormattedMessage();
    }
}

package io.applog.slf4j;

import io.applog.bridge.Bridge;
import io.applog.bridge.EventKeyValues;
import io.applog.Level;
import io.applog.record.MutableRecord;
import io.applog.record.RecordLayout;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;
import org.slf4j.event.LoggingEvent;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.spi.LocationAwareLogger;
import org.slf4j.spi.LoggingEventAware;

import java.util.List;

/**
 * An SLF4J logger that appends to this process's applog queue. Its threshold is fixed when it
 * is created, so a level check compares two ints. A call fills the thread's reusable
 * {@link MutableRecord} by name (template, raw arguments, throwable, MDC) and hands it to
 * {@link Bridge#append}; the drainer fills the {@code {}} placeholders.
 *
 * <p>A trailing {@link Throwable} argument is the record's throwable (as in Logback). Markers
 * become the first key-value pair, {@code marker}, with the marker names joined by commas;
 * the fluent API's key-value pairs follow in their order; the thread's MDC is captured.
 *
 * <p>{@link LocationAwareLogger} is the entry of bridges (Commons Logging 1.3, log4j-to-slf4j,
 * jcl-over-slf4j, spring-jcl). They hand over finished text: log4j-to-slf4j passes Log4j's
 * formatted message together with the parameters already in it. So there the message is
 * stored as it is, with no arguments, and is never filled a second time.
 */
final class ApplogLogger extends LegacyAbstractLogger implements LoggingEventAware, LocationAwareLogger {
    private static final long serialVersionUID = 1L;
    static final String MARKER_KEY = RecordLayout.MARKER_KEY;
    private static final int TRACE = Level.TRACE.ordinal();
    private static final int DEBUG = Level.DEBUG.ordinal();
    private static final int INFO = Level.INFO.ordinal();
    private static final int WARN = Level.WARN.ordinal();
    private static final int ERROR = Level.ERROR.ordinal();

    private final int threshold;

    ApplogLogger(String name, Level threshold) {
        this.name = name;
        this.threshold = threshold.ordinal();
    }

    @Override
    public boolean isTraceEnabled() {
        return TRACE >= threshold;
    }

    @Override
    public boolean isDebugEnabled() {
        return DEBUG >= threshold;
    }

    @Override
    public boolean isInfoEnabled() {
        return INFO >= threshold;
    }

    @Override
    public boolean isWarnEnabled() {
        return WARN >= threshold;
    }

    @Override
    public boolean isErrorEnabled() {
        return ERROR >= threshold;
    }

    @Override
    public void trace(String format, Object arg) {
        if (TRACE >= threshold) {
            one(Level.TRACE, format, arg);
        }
    }

    @Override
    public void trace(String format, Object arg1, Object arg2) {
        if (TRACE >= threshold) {
            two(Level.TRACE, format, arg1, arg2);
        }
    }

    @Override
    public void debug(String format, Object arg) {
        if (DEBUG >= threshold) {
            one(Level.DEBUG, format, arg);
        }
    }

    @Override
    public void debug(String format, Object arg1, Object arg2) {
        if (DEBUG >= threshold) {
            two(Level.DEBUG, format, arg1, arg2);
        }
    }

    @Override
    public void info(String format, Object arg) {
        if (INFO >= threshold) {
            one(Level.INFO, format, arg);
        }
    }

    @Override
    public void info(String format, Object arg1, Object arg2) {
        if (INFO >= threshold) {
            two(Level.INFO, format, arg1, arg2);
        }
    }

    @Override
    public void warn(String format, Object arg) {
        if (WARN >= threshold) {
            one(Level.WARN, format, arg);
        }
    }

    @Override
    public void warn(String format, Object arg1, Object arg2) {
        if (WARN >= threshold) {
            two(Level.WARN, format, arg1, arg2);
        }
    }

    @Override
    public void error(String format, Object arg) {
        if (ERROR >= threshold) {
            one(Level.ERROR, format, arg);
        }
    }

    @Override
    public void error(String format, Object arg1, Object arg2) {
        if (ERROR >= threshold) {
            two(Level.ERROR, format, arg1, arg2);
        }
    }

    /** The calling thread's record with this logger's name, the template and the thread's MDC. */
    private MutableRecord record(Level level, String template) {
        return MutableRecord.acquire().level(level).logger(name).template(template)
                .mdc(ApplogMdcAdapter.current());
    }

    /** One argument, no array: a lone Throwable argument is the record's throwable. */
    private void one(Level level, String format, Object arg) {
        final MutableRecord r = record(level, format);
        if (arg instanceof Throwable) {
            r.throwable((Throwable) arg);
        } else {
            r.argument(arg);
        }
        Bridge.append(r);
    }

    /** Two arguments, no array: a trailing Throwable is the record's throwable. */
    private void two(Level level, String format, Object arg1, Object arg2) {
        final MutableRecord r = record(level, format).argument(arg1);
        if (arg2 instanceof Throwable) {
            r.throwable((Throwable) arg2);
        } else {
            r.argument(arg2);
        }
        Bridge.append(r);
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(org.slf4j.event.Level level, Marker marker,
                                               String messagePattern, Object[] arguments,
                                               Throwable throwable) {
        final String markerName = marker == null ? null : marker.getName();
        final MutableRecord r = record(toApplog(level), messagePattern);
        withArguments(r, arguments, throwable);
        if (marker != null) {
            r.keyValue(MARKER_KEY, markerName);
        }
        Bridge.append(r);
    }

    /** The fluent API's entry: its key-value pairs and markers are kept as key-value pairs. */
    @Override
    public void log(LoggingEvent event) {
        final Level level = toApplog(event.getLevel());
        if (level.ordinal() < threshold) {
            return;
        }
        final String markerNames = EventKeyValues.markerNames(event.getMarkers());
        final List<KeyValuePair> pairs = event.getKeyValuePairs();
        final MutableRecord r = record(level, event.getMessage());
        withArguments(r, event.getArgumentArray(), event.getThrowable());
        EventKeyValues.add(r, markerNames, pairs);
        Bridge.append(r);
    }

    /** The bridges' entry: {@code message} is final text, {@code argArray} is not used. */
    @Override
    public void log(Marker marker, String fqcn, int levelInt, String message, Object[] argArray, Throwable t) {
        final Level level = fromInt(levelInt);
        if (level.ordinal() < threshold) {
            return;
        }
        final String markerName = marker == null ? null : marker.getName();
        final MutableRecord r = record(level, message).throwable(t);
        if (marker != null) {
            r.keyValue(MARKER_KEY, markerName);
        }
        Bridge.append(r);
    }

    /** Adds {@code args} to {@code r}; without {@code throwable}, a trailing Throwable argument is the record's. */
    private static void withArguments(MutableRecord r, Object[] args, Throwable throwable) {
        int n = args == null ? 0 : args.length;
        Throwable t = throwable;
        if (t == null && n > 0 && args[n - 1] instanceof Throwable) {
            t = (Throwable) args[--n];
        }
        r.arguments(args, n).throwable(t);
    }

    /** The level of an SLF4J level int ({@code LocationAwareLogger.TRACE_INT} ...). */
    static Level fromInt(int levelInt) {
        if (levelInt >= ERROR_INT) {
            return Level.ERROR;
        } else if (levelInt >= WARN_INT) {
            return Level.WARN;
        } else if (levelInt >= INFO_INT) {
            return Level.INFO;
        } else if (levelInt >= DEBUG_INT) {
            return Level.DEBUG;
        }
        return Level.TRACE;
    }

    static Level toApplog(org.slf4j.event.Level level) {
        switch (level) {
            case TRACE: return Level.TRACE;
            case DEBUG: return Level.DEBUG;
            case INFO: return Level.INFO;
            case WARN: return Level.WARN;
            default: return Level.ERROR;
        }
    }
}

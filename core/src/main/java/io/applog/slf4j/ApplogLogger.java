package io.applog.slf4j;

import io.applog.bridge.Bridge;
import io.applog.Level;
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
 * is created, so a level check compares two ints. The template and the raw arguments go into
 * the record; the drainer fills the {@code {}} placeholders.
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

    /** One argument, no array: a lone Throwable argument is the record's throwable. */
    private void one(Level level, String format, Object arg) {
        if (arg instanceof Throwable) {
            Bridge.append(level, name, format, 0, null, null, (Throwable) arg, ApplogMdcAdapter.current(), null);
        } else {
            Bridge.append(level, name, format, 1, arg, null, null, ApplogMdcAdapter.current(), null);
        }
    }

    /** Two arguments, no array: a trailing Throwable is the record's throwable. */
    private void two(Level level, String format, Object arg1, Object arg2) {
        if (arg2 instanceof Throwable) {
            Bridge.append(level, name, format, 1, arg1, null, (Throwable) arg2, ApplogMdcAdapter.current(), null);
        } else {
            Bridge.append(level, name, format, 2, arg1, arg2, null, ApplogMdcAdapter.current(), null);
        }
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(org.slf4j.event.Level level, Marker marker,
                                               String messagePattern, Object[] arguments,
                                               Throwable throwable) {
        Object[] args = arguments;
        Throwable t = throwable;
        if (t == null && args != null && args.length > 0 && args[args.length - 1] instanceof Throwable) {
            t = (Throwable) args[args.length - 1];
            args = trimmed(args);
        }
        Object[] kv = marker == null ? null : new Object[]{MARKER_KEY, marker.getName()};
        Bridge.append(toApplog(level), name, messagePattern, args, t, ApplogMdcAdapter.current(), kv);
    }

    /** The fluent API's entry: its key-value pairs and markers are kept as key-value pairs. */
    @Override
    public void log(LoggingEvent event) {
        final Level level = toApplog(event.getLevel());
        if (level.ordinal() < threshold) {
            return;
        }
        Object[] args = event.getArgumentArray();
        Throwable t = event.getThrowable();
        if (t == null && args != null && args.length > 0 && args[args.length - 1] instanceof Throwable) {
            t = (Throwable) args[args.length - 1];
            args = trimmed(args);
        }
        Bridge.append(level, name, event.getMessage(), args, t, ApplogMdcAdapter.current(),
                keyValues(event.getMarkers(), event.getKeyValuePairs()));
    }

    /** The bridges' entry: {@code message} is final text, {@code argArray} is not used. */
    @Override
    public void log(Marker marker, String fqcn, int levelInt, String message, Object[] argArray, Throwable t) {
        final Level level = fromInt(levelInt);
        if (level.ordinal() < threshold) {
            return;
        }
        Object[] kv = marker == null ? null : new Object[]{MARKER_KEY, marker.getName()};
        Bridge.append(level, name, message, null, t, ApplogMdcAdapter.current(), kv);
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

    /** {@code {marker, "A,B", k0, v0, k1, v1, ...}}, or null when there is nothing. */
    static Object[] keyValues(List<Marker> markers, List<KeyValuePair> pairs) {
        final int nMarkers = markers == null ? 0 : markers.size();
        final int nPairs = pairs == null ? 0 : pairs.size();
        if (nMarkers == 0 && nPairs == 0) {
            return null;
        }
        final int offset = nMarkers == 0 ? 0 : 2;
        Object[] kv = new Object[offset + 2 * nPairs];
        if (nMarkers > 0) {
            StringBuilder names = new StringBuilder();
            for (int i = 0; i < nMarkers; i++) {
                if (i > 0) {
                    names.append(',');
                }
                Marker m = markers.get(i);
                names.append(m == null ? null : m.getName());
            }
            kv[0] = MARKER_KEY;
            kv[1] = names.toString();
        }
        for (int i = 0; i < nPairs; i++) {
            KeyValuePair p = pairs.get(i);
            kv[offset + 2 * i] = p == null ? "null" : String.valueOf(p.key);
            kv[offset + 2 * i + 1] = p == null ? null : p.value;
        }
        return kv;
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

    private static Object[] trimmed(Object[] args) {
        Object[] copy = new Object[args.length - 1];
        System.arraycopy(args, 0, copy, 0, copy.length);
        return copy;
    }
}

package io.applog.jul;

import io.applog.ApplogSettings;
import io.applog.internal.InternalLog;
import io.applog.bridge.ThreadContext;
import io.applog.bridge.Bridge;
import io.applog.record.MutableRecord;

import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * A JUL handler that appends each record to this process's applog queue, in the thread that
 * logs it.
 *
 * <p>Levels: FINEST and FINER become TRACE, FINE DEBUG, CONFIG and INFO INFO, WARNING WARN,
 * SEVERE ERROR (other levels by their value). A record also has to pass
 * {@code applog.level} / {@code applog.level.<prefix>} for its logger name, after JUL's own
 * levels.
 *
 * <p>The message (looked up in the record's resource bundle, if it has one) is the template
 * and the record's parameters are its arguments: only {@code {}} placeholders are filled, by
 * the drainer. JUL's {@code {0}} placeholders are left as they are (the parameters are still
 * stored in the record and appear in JSON-aware tools). The thrown exception is the record's
 * throwable; the SLF4J MDC of the thread is captured. Records of the root logger and of
 * anonymous loggers carry the logger name {@code ROOT}.
 *
 * <p>In {@code logging.properties}: {@code handlers=io.applog.jul.ApplogHandler} and
 * optionally {@code io.applog.jul.ApplogHandler.level=FINE} (default ALL). Records of
 * loggers under {@code io.applog} and {@code net.openhft}, and all records in applog's tool
 * processes, go to stderr at WARNING and above instead. {@link #close()} does not close
 * applog: records published after it are still written.
 */
public final class ApplogHandler extends Handler {
    private static final int TRACE = io.applog.Level.TRACE.ordinal();
    private static final int WARN = io.applog.Level.WARN.ordinal();
    /** Logger name of records from JUL's root logger and from anonymous loggers. */
    static final String ROOT = org.slf4j.Logger.ROOT_LOGGER_NAME;

    /** Loggers whose level this class lowered; JUL keeps loggers only weakly. */
    private static final ConcurrentMap<String, Logger> LOWERED = new ConcurrentHashMap<>();

    private final ConcurrentMap<String, io.applog.Level> thresholds = new ConcurrentHashMap<>();

    /** A handler at level ALL, or at {@code io.applog.jul.ApplogHandler.level} from the JUL configuration. */
    public ApplogHandler() {
        String configured = LogManager.getLogManager().getProperty(getClass().getName() + ".level");
        Level level = Level.ALL;
        if (configured != null) {
            try {
                level = Level.parse(configured.trim());
            } catch (IllegalArgumentException e) {
                InternalLog.warn(getClass().getName() + ".level=" + configured + " (expected a JUL level), using ALL");
            }
        }
        setLevel(level);
    }

    /**
     * Puts an {@code ApplogHandler} on the JUL root logger unless one is there, and removes
     * the root's {@link ConsoleHandler}s. If {@code applog.level} asks for DEBUG or TRACE,
     * lowers the root logger's level to FINE or FINEST so that JUL creates those records.
     *
     * @return true if a handler was added
     */
    public static boolean installOnRoot() {
        try {
            Logger root = LogManager.getLogManager().getLogger("");
            if (root == null) {
                return false;
            }
            for (Handler h : root.getHandlers()) {
                if (h instanceof ApplogHandler) {
                    return false;
                }
            }
            for (Handler h : root.getHandlers()) {
                if (h instanceof ConsoleHandler) {
                    root.removeHandler(h);
                }
            }
            root.addHandler(new ApplogHandler());
            ApplogSettings settings = Bridge.settings();
            if (settings != null) {
                lowerTo(root, toJul(settings.level()));
            }
            return true;
        } catch (RuntimeException e) {
            InternalLog.warn("cannot install the JUL handler: " + InternalLog.describe(e));
            return false;
        }
    }

    private static void lowerTo(Logger logger, Level wanted) {
        Level current = logger.getLevel();
        if (wanted.intValue() < Level.INFO.intValue()
                && (current == null || wanted.intValue() < current.intValue())) {
            logger.setLevel(wanted);
            LOWERED.put(logger.getName(), logger);
        }
    }

    @Override
    public void publish(LogRecord record) {
        if (record == null || !isLoggable(record)) {
            return;
        }
        try {
            String name = record.getLoggerName();
            if (name == null || name.isEmpty()) {
                name = ROOT;
            }
            final io.applog.Level level = toApplog(record.getLevel());
            final Object[] params = record.getParameters();
            if (Bridge.toStderr(name)) {
                if (level.ordinal() >= WARN) {
                    Bridge.stderr(level, name, template(record), params, record.getThrown());
                }
                return;
            }
            if (level.ordinal() < threshold(name).ordinal()) {
                return;
            }
            final String template = template(record);
            final Throwable thrown = record.getThrown();
            Bridge.append(MutableRecord.acquire().level(level).logger(name).template(template)
                    .arguments(params).throwable(thrown).mdc(ThreadContext.current()));
        } catch (Throwable t) {
            InternalLog.warnLimited("dropped a JUL record: " + InternalLog.describe(t));
        }
    }

    private io.applog.Level threshold(String name) {
        io.applog.Level t = thresholds.get(name);
        if (t == null) {
            t = Bridge.threshold(name);
            thresholds.put(name, t);
        }
        return t;
    }

    private static String template(LogRecord record) {
        String message = record.getMessage();
        ResourceBundle bundle = record.getResourceBundle();
        if (bundle != null && message != null) {
            try {
                return bundle.getString(message);
            } catch (MissingResourceException | ClassCastException e) {
                return message;
            }
        }
        return message;
    }

    /** The applog level of a JUL level: by its value, so custom levels map to the nearest below. */
    static io.applog.Level toApplog(Level level) {
        final int v = level == null ? Level.INFO.intValue() : level.intValue();
        if (v >= Level.SEVERE.intValue()) {
            return io.applog.Level.ERROR;
        } else if (v >= Level.WARNING.intValue()) {
            return io.applog.Level.WARN;
        } else if (v >= Level.CONFIG.intValue()) {
            return io.applog.Level.INFO;
        } else if (v >= Level.FINE.intValue()) {
            return io.applog.Level.DEBUG;
        }
        return io.applog.Level.TRACE;
    }

    /** The most verbose JUL level that an applog threshold lets through. */
    static Level toJul(io.applog.Level level) {
        switch (level) {
            case TRACE: return Level.FINEST;
            case DEBUG: return Level.FINE;
            case INFO: return Level.CONFIG;
            case WARN: return Level.WARNING;
            case ERROR: return Level.SEVERE;
            default: return Level.OFF;
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}

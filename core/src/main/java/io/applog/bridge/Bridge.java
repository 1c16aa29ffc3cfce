package io.applog.bridge;

import io.applog.Applog;
import io.applog.ApplogSettings;
import io.applog.Level;
import io.applog.internal.TextEscaper;
import io.applog.internal.InternalLog;
import io.applog.record.MutableRecord;

import java.util.Arrays;

/**
 * What the bridges from the standard logging APIs (the SLF4J provider, the JUL handler) share
 * in one process:
 * where a logger's records go, the settings read once, and the {@link Applog} instance opened
 * on the first enabled call of a logger that writes into the queue.
 *
 * <p>Routing: loggers named {@code io.applog}, {@code net.openhft} or {@code com.sun.jna} (and below), and every
 * logger while the system property {@code applog.role} is {@code tool}, go to
 * {@link #stderr}. That keeps applog's own processes and Chronicle's logging out of the
 * queue, so logging can never recurse into itself.
 *
 * <p>Settings: those of an {@link Applog} the application opened itself before the first
 * logger was created, else {@link ApplogSettings#fromEnvironment()}; read once. Invalid
 * settings are reported once as one line on stderr and then every record of the front ends
 * is dropped. Once opened, the same {@link Applog} is used until the process ends; it is
 * never opened again after it was closed (records logged then are dropped and counted).
 */
public final class Bridge {
    private static final String[] INTERNAL_PREFIXES = {"io.applog", "net.openhft", "com.sun.jna"};
    private static final Object LOCK = new Object();
    private static volatile String[] errorsOnly = {};
    private static final ThreadLocal<Boolean> OPENING = new ThreadLocal<>();
    private static final ApplogAccess ACCESS = ApplogAccess.get();

    private static volatile ApplogSettings settings;
    private static volatile boolean settingsInvalid;
    private static volatile Applog applog;
    private static volatile boolean openFailed;

    private Bridge() {
    }

    /** True if this process is one of applog's own tools ({@code applog.role=tool}). */
    public static boolean toolRole() {
        return ApplogSettings.isToolProcess();
    }

    /**
     * True for the loggers of applog, of Chronicle and of JNA (which Chronicle loads):
     * {@code io.applog}, {@code net.openhft}, {@code com.sun.jna} and below.
     */
    public static boolean isInternal(String loggerName) {
        if (loggerName == null) {
            return false;
        }
        return under(loggerName, INTERNAL_PREFIXES);
    }

    private static boolean under(String loggerName, String[] prefixes) {
        for (String prefix : prefixes) {
            if (loggerName.startsWith(prefix) && (loggerName.length() == prefix.length()
                    || loggerName.charAt(prefix.length()) == '.'
                    || loggerName.charAt(prefix.length()) == '$')) {
                return true;
            }
        }
        return false;
    }

    /**
     * Makes the stderr loggers under {@code prefix} print ERROR only, not WARN: for a tool whose
     * client library warns at every retry of an outage the tool reports itself in one line (the
     * Kafka client of {@code applog ship}). Takes effect for loggers created after the call.
     */
    public static void errorsOnly(String prefix) {
        synchronized (LOCK) {
            String[] now = Arrays.copyOf(errorsOnly, errorsOnly.length + 1);
            now[now.length - 1] = prefix;
            errorsOnly = now;
        }
    }

    /** True if the stderr logger {@code loggerName} prints WARN (not under an {@link #errorsOnly} prefix). */
    public static boolean warnsToStderr(String loggerName) {
        return loggerName == null || !under(loggerName, errorsOnly);
    }

    /** True if the records of {@code loggerName} go to stderr (WARN and above) instead of the queue. */
    public static boolean toStderr(String loggerName) {
        return isInternal(loggerName) || toolRole();
    }

    /**
     * The threshold of a queue logger: the level {@code applog.level.<prefix>} or
     * {@code applog.level} gives it, or {@link Level#OFF} when the settings are invalid.
     */
    public static Level threshold(String loggerName) {
        ApplogSettings s = settings();
        return s == null ? Level.OFF : s.levelFor(loggerName == null ? "" : loggerName);
    }

    /** The settings the front ends use, read once; null if they are invalid. */
    public static ApplogSettings settings() {
        ApplogSettings s = settings;
        if (s != null || settingsInvalid) {
            return s;
        }
        Applog open = Applog.current();
        ApplogSettings read = null;
        String error = null;
        try {
            read = open != null ? open.settings() : ApplogSettings.fromEnvironment();
        } catch (RuntimeException e) {
            error = e.getMessage() == null ? InternalLog.describe(e) : e.getMessage();
        }
        synchronized (LOCK) {
            if (settings == null && !settingsInvalid) {
                if (read != null) {
                    settings = read;
                } else {
                    settingsInvalid = true;
                    InternalLog.warn("invalid settings, records are dropped: " + error);
                }
            }
            return settings;
        }
    }

    /**
     * The {@link Applog} of this process, opened on first use with {@link #settings()}; null
     * when the settings are invalid, opening failed, or this thread is opening it right now
     * (a record logged from inside the opening is dropped rather than recursing).
     */
    public static Applog applog() {
        Applog a = applog;
        if (a != null) {
            return a;
        }
        if (openFailed || OPENING.get() != null || ACCESS.isOpeningOnThisThread()) {
            return null;
        }
        ApplogSettings s = settings();
        if (s == null) {
            return null;
        }
        OPENING.set(Boolean.TRUE);
        try {
            a = Applog.open(s);
            applog = a;
            return a;
        } catch (Throwable t) {
            synchronized (LOCK) {
                if (!openFailed) {
                    openFailed = true;
                    InternalLog.warn("cannot open applog, records are dropped: " + InternalLog.describe(t));
                }
            }
            return null;
        } finally {
            OPENING.remove();
        }
    }

    /**
     * Appends {@code record} (acquired and filled by a bridge, its level already checked) to
     * the process's {@link Applog}, opening it on first use, and resets it; without one the
     * record is dropped. Never throws.
     */
    public static void append(MutableRecord record) {
        try {
            final Applog a = applog();
            if (a != null) {
                ACCESS.append(a, record);
                return;
            }
        } catch (Throwable t) {
            InternalLog.warnLimited("dropped a record: " + InternalLog.describe(t));
        }
        record.reset();
    }

    /**
     * Prints one line on stderr: {@code applog: LEVEL logger - message}, the message with its
     * placeholders filled and a throwable as {@code : Class: message}, control characters
     * escaped so the line stays one line. Never throws.
     */
    public static void stderr(Level level, String logger, String template, Object[] args, Throwable throwable) {
        try {
            StringBuilder line = new StringBuilder(128);
            line.append(level.name()).append(' ');
            TextEscaper.appendField(String.valueOf(logger), line);
            line.append(" - ");
            String message = args == null || args.length == 0
                    ? template
                    : org.slf4j.helpers.MessageFormatter.basicArrayFormat(template, args);
            TextEscaper.appendField(String.valueOf(message), line);
            if (throwable != null) {
                line.append(": ");
                TextEscaper.appendField(InternalLog.describe(throwable), line);
            }
            InternalLog.warn(line.toString());
        } catch (Throwable t) {
            InternalLog.warnLimited("cannot print a record of " + logger + ": " + InternalLog.describe(t));
        }
    }
}

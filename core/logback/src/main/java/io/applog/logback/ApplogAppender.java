package io.applog.logback;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import io.applog.Applog;
import io.applog.ApplogSettings;
import io.applog.Level;
import io.applog.bridge.ApplogAccess;
import io.applog.bridge.Bridge;
import io.applog.bridge.EventKeyValues;
import io.applog.record.MutableRecord;

import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A Logback appender that writes each event into this process's applog queue, so a Logback
 * application keeps its {@code logback.xml} and its records join the one ordered logfile of
 * the queue dir:
 *
 * <pre>{@code
 * <appender name="APPLOG" class="io.applog.logback.ApplogAppender">
 *   <queue>/tmp/q</queue> <process>worker-1</process> <drainer>auto</drainer>
 *   <logfile>/tmp/app.log</logfile> <format>text</format> <timeoutSec>5</timeoutSec>
 * </appender>
 * }</pre>
 *
 * <p>Settings: the keys of {@link ApplogSettings} without their {@code applog.} prefix
 * ({@code queue}, {@code process}, {@code drainer}, {@code logfile}, {@code format},
 * {@code pattern}, {@code timeoutSec}, {@code heartbeatMs}, {@code rollCycle},
 * {@code minFreeMb}, {@code pretouch}) as elements; one not set here takes its value from the
 * system properties and {@code applog.properties} ({@link ApplogSettings#environment()}), else
 * its default. The level is Logback's business (loggers, filters). Invalid settings are one
 * error line in Logback's status and the appender does not start; nothing is thrown.
 *
 * <p>The first event opens this process's {@link Applog} with these settings (as the SLF4J
 * provider does: the queue, and in drainer mode {@code auto} the drainer, start then) and
 * {@link #stop()} closes it (a GOODBYE record), unless it was open already (the application's
 * own, or another appender's): then it is used as it is, and left open. In one of applog's
 * own processes (a drainer) the appender starts but writes nothing.
 *
 * <p>Each event fills the thread's reusable {@link MutableRecord} as the SLF4J provider does:
 * level, thread name, logger name, the message template and its arguments (the drainer fills
 * the {@code {}} placeholders), the throwable (with its causes and suppressed), the MDC, the
 * markers and the key-value pairs. The record's timestamp is the writer's own, taken as the
 * record is appended (so a queue's records never go backwards in time), not the event's.
 * Events of applog's, Chronicle's and JNA's loggers ({@link Bridge#isInternal}) are dropped
 * here: writing them would recurse into the queue. Logback's other appenders still get them.
 *
 * <p>Thread-safety is applog's: this appender takes no lock of its own. It never throws into
 * the application; an event that cannot be turned into a record is counted
 * ({@link #failures()}) and the first failure is one error line in Logback's status.
 */
public final class ApplogAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {
    private static final ApplogAccess ACCESS = ApplogAccess.get();

    /** The settings given to this appender, by their {@code applog.*} key. */
    private final Properties settings = new Properties();
    private final AtomicLong failures = new AtomicLong();
    /** The checked settings while started; null when events are dropped (applog's own process, failed open). */
    private volatile ApplogSettings resolved;
    /** Opened on the first event ({@link #open()}). */
    private volatile Applog applog;
    /** Whether {@link #stop()} closes {@link #applog} (this appender opened it); guarded by this. */
    private boolean ownsApplog;

    /** The queue dir shared by the processes ({@code applog.queue}). */
    public void setQueue(String queue) {
        set(ApplogSettings.QUEUE, queue);
    }

    /** This process's name in the logfile ({@code applog.process}). */
    public void setProcess(String process) {
        set(ApplogSettings.PROCESS, process);
    }

    /** {@code auto}: start a drainer process if none holds the queue dir; {@code none} ({@code applog.drainer}). */
    public void setDrainer(String drainer) {
        set(ApplogSettings.DRAINER, drainer);
    }

    /** The logfile an auto-started drainer writes ({@code applog.logfile}). */
    public void setLogfile(String logfile) {
        set(ApplogSettings.LOGFILE, logfile);
    }

    /** Output format of an auto-started drainer: {@code text}, {@code json}, {@code otel} ({@code applog.format}). */
    public void setFormat(String format) {
        set(ApplogSettings.FORMAT, format);
    }

    /** Text line of an auto-started drainer, a Logback-style pattern ({@code applog.pattern}). */
    public void setPattern(String pattern) {
        set(ApplogSettings.PATTERN, pattern);
    }

    /** Seconds an auto-started drainer waits after the last writer is gone; 0: never exits ({@code applog.timeoutSec}). */
    public void setTimeoutSec(String timeoutSec) {
        set(ApplogSettings.TIMEOUT_SEC, timeoutSec);
    }

    /** Interval of this process's heartbeat in milliseconds ({@code applog.heartbeatMs}). */
    public void setHeartbeatMs(String heartbeatMs) {
        set(ApplogSettings.HEARTBEAT_MS, heartbeatMs);
    }

    /** Roll cycle of this process's writer queue, a name of Chronicle's RollCycles ({@code applog.rollCycle}). */
    public void setRollCycle(String rollCycle) {
        set(ApplogSettings.ROLL_CYCLE, rollCycle);
    }

    /** Free disk space below which records are dropped and counted ({@code applog.minFreeMb}). */
    public void setMinFreeMb(String minFreeMb) {
        set(ApplogSettings.MIN_FREE_MB, minFreeMb);
    }

    /** Whether a thread touches the queue's pages ahead of the logging threads ({@code applog.pretouch}). */
    public void setPretouch(String pretouch) {
        set(ApplogSettings.PRETOUCH, pretouch);
    }

    private void set(String key, String value) {
        if (value == null) {
            settings.remove(key);
        } else {
            settings.setProperty(key, value);
        }
    }

    /**
     * The settings this appender opens applog with: its own over those of the environment.
     *
     * @throws IllegalArgumentException naming the first invalid setting ({@code key=value})
     */
    ApplogSettings settings() {
        Properties all = ApplogSettings.environment();
        all.putAll(settings);
        return ApplogSettings.fromProperties(all);
    }

    /** Events that could not be turned into a record (each also dropped). */
    public long failures() {
        return failures.get();
    }

    /** Records applog dropped in this process (queue unavailable, disk nearly full, closed). */
    public long dropped() {
        Applog a = applog;
        return a == null ? 0 : a.dropped();
    }

    /**
     * Checks this appender's settings and starts; applog opens with them on the first event.
     * With invalid settings, adds one error to Logback's status and does not start.
     */
    @Override
    public void start() {
        if (isStarted()) {
            return;
        }
        if (ApplogSettings.isToolProcess()) {
            addInfo("applog's own process (" + ApplogSettings.ROLE + "=" + ApplogSettings.TOOL_ROLE
                    + "): events of [" + name + "] are not written");
            resolved = null;
            super.start();
            return;
        }
        try {
            resolved = settings();
        } catch (RuntimeException e) {
            addError("applog appender [" + name + "] not started: " + message(e));
            return;
        }
        super.start();
    }

    /**
     * This process's {@link Applog}, opened with this appender's settings on the first event:
     * not in {@link #start()}, which Logback runs while SLF4J is still initialising, so the
     * log calls of Chronicle's start would be held back and replayed with a warning on stderr.
     * Null (the event is dropped) when stopped, in applog's own processes, after a failed open,
     * and for an event logged on this thread while it is opening applog.
     */
    private synchronized Applog open() {
        Applog a = applog;
        if (a != null || resolved == null || !isStarted() || ACCESS.isOpeningOnThisThread()) {
            return a;
        }
        try {
            final Applog before = Applog.current();
            a = Applog.open(resolved);
            ownsApplog = a != before;
            if (!ownsApplog && !sameWriter(before.settings(), resolved)) {
                addWarn("applog is open in this process already (queue=" + before.settings().queue()
                        + ", process=" + before.settings().process() + "): [" + name + "] writes there");
            }
        } catch (RuntimeException | LinkageError e) {
            resolved = null;
            addError("applog appender [" + name + "] cannot open applog, events are dropped: " + message(e));
            return null;
        }
        applog = a;
        return a;
    }

    private static boolean sameWriter(ApplogSettings a, ApplogSettings b) {
        return a.queue().equals(b.queue()) && a.process().equals(b.process());
    }

    private static String message(Throwable e) {
        return e.getMessage() == null ? e.getClass().getName() : e.getMessage();
    }

    /** Stops taking events and closes applog if this appender opened it (GOODBYE). */
    @Override
    public void stop() {
        if (!isStarted()) {
            return;
        }
        super.stop();
        final Applog a;
        final boolean owned;
        synchronized (this) {
            a = applog;
            owned = ownsApplog;
            applog = null;
            resolved = null;
        }
        if (a != null && owned) {
            a.close();
        }
    }

    @Override
    protected void append(ILoggingEvent event) {
        final String logger;
        final MutableRecord r;
        Applog a = applog;
        try {
            logger = event.getLoggerName();
            if (Bridge.isInternal(logger)) {
                return;
            }
            if (a == null && (resolved == null || (a = open()) == null)) {
                return;
            }
            r = MutableRecord.acquire();
        } catch (Throwable t) {
            failed(t);
            return;
        }
        try {
            r.level(level(event.getLevel().toInt())).thread(event.getThreadName())
                    .logger(logger).template(event.getMessage())
                    .arguments(event.getArgumentArray())
                    .mdc(event.getMDCPropertyMap());
            throwable(r, event.getThrowableProxy());
            EventKeyValues.add(r, EventKeyValues.markerNames(event.getMarkerList()), event.getKeyValuePairs());
        } catch (Throwable t) {
            r.reset();
            failed(t);
            return;
        }
        ACCESS.append(a, r);
    }

    /**
     * The event's throwable: the {@link Throwable} itself when Logback still holds it (rendered
     * like {@code printStackTrace()}, causes and suppressed as the SLF4J provider writes them),
     * else Logback's rendering of the proxy (an event that was serialised, say).
     */
    private static void throwable(MutableRecord r, IThrowableProxy proxy) {
        if (proxy == null) {
            return;
        }
        if (proxy instanceof ThrowableProxy) {
            final Throwable t = ((ThrowableProxy) proxy).getThrowable();
            if (t != null) {
                r.throwable(t);
                return;
            }
        }
        r.throwableText(ThrowableProxyUtil.asString(proxy));
    }

    /** applog's level of a Logback level int ({@code ch.qos.logback.classic.Level#toInt()}). */
    static Level level(int levelInt) {
        if (levelInt >= ch.qos.logback.classic.Level.ERROR_INT) {
            return Level.ERROR;
        } else if (levelInt >= ch.qos.logback.classic.Level.WARN_INT) {
            return Level.WARN;
        } else if (levelInt >= ch.qos.logback.classic.Level.INFO_INT) {
            return Level.INFO;
        } else if (levelInt >= ch.qos.logback.classic.Level.DEBUG_INT) {
            return Level.DEBUG;
        }
        return Level.TRACE;
    }

    /** Counts a failed event; the first one is an error in Logback's status. Never throws. */
    private void failed(Throwable t) {
        try {
            if (failures.getAndIncrement() == 0) {
                addError("applog appender [" + name + "] dropped an event (further ones are counted,"
                        + " see failures()): " + t);
            }
        } catch (Throwable ignored) {
            // the status system failed as well: the count stands
        }
    }
}

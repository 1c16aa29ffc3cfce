package io.applog.log4j2;

import io.applog.Applog;
import io.applog.ApplogSettings;
import io.applog.bridge.ApplogAccess;
import io.applog.bridge.Bridge;
import io.applog.internal.InternalLog;
import io.applog.record.MutableRecord;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.Core;
import org.apache.logging.log4j.core.Filter;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.apache.logging.log4j.core.config.plugins.Plugin;
import org.apache.logging.log4j.core.config.plugins.PluginBuilderAttribute;
import org.apache.logging.log4j.core.config.plugins.PluginBuilderFactory;

import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Log4j2 appender {@code <Applog .../>}: appends each event to this process's applog
 * writer queue; the drainer (started by the first writer in drainer mode {@code auto}, or
 * {@code applog drain}) merges the queues of all processes into one logfile.
 *
 * <pre>{@code
 * <Appenders>
 *   <Applog name="APPLOG" queue="/tmp/q" process="worker-1" drainer="auto" logfile="/tmp/app.log"
 *           format="text" timeoutSec="5"/>
 * </Appenders>
 * }</pre>
 *
 * <p>Attributes: the settings of {@link ApplogSettings} without their {@code applog.} prefix
 * ({@code queue}, {@code process}, {@code drainer}, {@code logfile}, {@code format},
 * {@code pattern}, {@code timeoutSec}, {@code heartbeatMs}, {@code rollCycle},
 * {@code minFreeMb}, {@code pretouch}); one not given keeps its value from the system
 * properties and {@code applog.properties} ({@link ApplogSettings#environment()}). Levels
 * are Log4j2's (loggers, filters). Invalid settings: one error line through Log4j2's status
 * logger, and the appender is not created; the application runs on.
 *
 * <p>How an event becomes a record: {@link EventRecords}. Events of applog's own, Chronicle's
 * and JNA's loggers ({@link Bridge#isInternal}) are not appended (Chronicle logs while the
 * queue is written: appending those would recurse); the configuration's other appenders still
 * get them. An append never throws into the application, whatever {@code ignoreExceptions}
 * says: a failure is counted and reported once through the status logger.
 */
@Plugin(name = ApplogAppender.PLUGIN_NAME, category = Core.CATEGORY_NAME, elementType = Appender.ELEMENT_TYPE,
        printObject = true)
public final class ApplogAppender extends AbstractAppender {
    /** The element name in {@code log4j2.xml}. */
    public static final String PLUGIN_NAME = "Applog";
    private static final ApplogAccess ACCESS = ApplogAccess.get();

    private final ApplogSettings settings;
    private final AtomicLong failures = new AtomicLong();
    private volatile Applog applog;

    private ApplogAppender(String name, Filter filter, Property[] properties, ApplogSettings settings) {
        super(name, filter, null, true, properties);
        this.settings = settings;
    }

    /** The builder Log4j2 fills from the element's attributes. */
    @PluginBuilderFactory
    public static Builder newBuilder() {
        return new Builder();
    }

    /** The settings this appender opens applog with (those of an instance open already win). */
    public ApplogSettings settings() {
        return settings;
    }

    /** Appends that failed (an exception from applog, counted and reported once). */
    public long failures() {
        return failures.get();
    }

    /**
     * Opens (or joins) the process's applog. A failure that is not a queue dir problem (those
     * are reported by applog and its records dropped and counted), such as Chronicle missing
     * from the class path, is one status line; the appender then drops every event.
     */
    @Override
    public void start() {
        try {
            applog = SharedApplog.acquire(settings);
        } catch (Throwable t) {
            LOGGER.error("Applog appender {}: cannot open applog, events are dropped: {}", getName(),
                    InternalLog.describe(t));
        }
        super.start();
    }

    @Override
    public boolean stop(long timeout, TimeUnit timeUnit) {
        setStopping();
        boolean stopped = super.stop(timeout, timeUnit, false);
        final Applog a = applog;
        applog = null;
        if (a != null) {
            SharedApplog.release(a);
        }
        setStopped();
        return stopped;
    }

    @Override
    public void append(LogEvent event) {
        final Applog a = applog;
        if (a == null || Bridge.isInternal(event.getLoggerName())) {
            return;
        }
        final EventRecords events = EventRecords.acquire();
        MutableRecord r = null;
        try {
            r = MutableRecord.acquire();
            events.fill(r, event);
            final MutableRecord filled = r;
            r = null; // the append resets it, whatever happens
            ACCESS.append(a, filled);
        } catch (Throwable t) {
            if (r != null) {
                r.reset();
            }
            failed(t);
        } finally {
            events.release();
        }
    }

    private void failed(Throwable t) {
        if (failures.getAndIncrement() == 0) {
            LOGGER.error("Applog appender {}: dropped a record, further failures are only counted: {}",
                    getName(), InternalLog.describe(t));
        }
    }

    /**
     * The attributes of {@code <Applog>}: {@code name} (required), {@code ignoreExceptions}
     * (accepted; an append never throws either way), a filter, and the applog settings.
     */
    public static final class Builder extends AbstractAppender.Builder<Builder>
            implements org.apache.logging.log4j.core.util.Builder<ApplogAppender> {
        @PluginBuilderAttribute
        private String queue;
        @PluginBuilderAttribute
        private String process;
        @PluginBuilderAttribute
        private String drainer;
        @PluginBuilderAttribute
        private String logfile;
        @PluginBuilderAttribute
        private String format;
        @PluginBuilderAttribute
        private String pattern;
        @PluginBuilderAttribute
        private String timeoutSec;
        @PluginBuilderAttribute
        private String heartbeatMs;
        @PluginBuilderAttribute
        private String rollCycle;
        @PluginBuilderAttribute
        private String minFreeMb;
        @PluginBuilderAttribute
        private String pretouch;

        private Builder() {
        }

        /** The root directory shared by the processes ({@code applog.queue}). */
        public Builder setQueue(String queue) {
            this.queue = queue;
            return this;
        }

        /** This process's name in the logfile ({@code applog.process}). */
        public Builder setProcess(String process) {
            this.process = process;
            return this;
        }

        /** {@code auto} or {@code none} ({@code applog.drainer}). */
        public Builder setDrainer(String drainer) {
            this.drainer = drainer;
            return this;
        }

        /** The logfile of an auto-started drainer ({@code applog.logfile}). */
        public Builder setLogfile(String logfile) {
            this.logfile = logfile;
            return this;
        }

        /** {@code text}, {@code json} or {@code otel} ({@code applog.format}). */
        public Builder setFormat(String format) {
            this.format = format;
            return this;
        }

        /** The text line's pattern ({@code applog.pattern}). */
        public Builder setPattern(String pattern) {
            this.pattern = pattern;
            return this;
        }

        /** The auto-started drainer's heartbeat timeout in seconds ({@code applog.timeoutSec}). */
        public Builder setTimeoutSec(String timeoutSec) {
            this.timeoutSec = timeoutSec;
            return this;
        }

        /** The heartbeat interval ({@code applog.heartbeatMs}). */
        public Builder setHeartbeatMs(String heartbeatMs) {
            this.heartbeatMs = heartbeatMs;
            return this;
        }

        /** The writer queue's roll cycle ({@code applog.rollCycle}). */
        public Builder setRollCycle(String rollCycle) {
            this.rollCycle = rollCycle;
            return this;
        }

        /** Free space kept on the queue's file system ({@code applog.minFreeMb}). */
        public Builder setMinFreeMb(String minFreeMb) {
            this.minFreeMb = minFreeMb;
            return this;
        }

        /** Touch queue pages ahead of the logging threads ({@code applog.pretouch}). */
        public Builder setPretouch(String pretouch) {
            this.pretouch = pretouch;
            return this;
        }

        /** The environment's {@code applog.*} properties with the attributes given on top. */
        Properties properties() {
            Properties p = ApplogSettings.environment();
            put(p, ApplogSettings.QUEUE, queue);
            put(p, ApplogSettings.PROCESS, process);
            put(p, ApplogSettings.DRAINER, drainer);
            put(p, ApplogSettings.LOGFILE, logfile);
            put(p, ApplogSettings.FORMAT, format);
            put(p, ApplogSettings.PATTERN, pattern);
            put(p, ApplogSettings.TIMEOUT_SEC, timeoutSec);
            put(p, ApplogSettings.HEARTBEAT_MS, heartbeatMs);
            put(p, ApplogSettings.ROLL_CYCLE, rollCycle);
            put(p, ApplogSettings.MIN_FREE_MB, minFreeMb);
            put(p, ApplogSettings.PRETOUCH, pretouch);
            return p;
        }

        private static void put(Properties p, String key, String value) {
            if (value != null) {
                p.setProperty(key, value);
            }
        }

        /**
         * The appender, or null (Log4j2 then leaves it out) when the settings are invalid: one
         * error line through the status logger names the setting and its value.
         */
        @Override
        public ApplogAppender build() {
            final ApplogSettings settings;
            try {
                settings = ApplogSettings.fromProperties(properties());
            } catch (IllegalArgumentException e) {
                LOGGER.error("Applog appender {}: invalid settings, the appender is not created: {}",
                        getName(), e.getMessage());
                return null;
            }
            return new ApplogAppender(getName(), getFilter(), getPropertyArray(), settings);
        }
    }
}

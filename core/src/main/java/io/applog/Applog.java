package io.applog;

import io.applog.bridge.ApplogAccess;
import io.applog.internal.InternalLog;
import io.applog.internal.Queues;
import io.applog.record.MutableRecord;
import io.applog.writer.DrainerSupervisor;
import io.applog.writer.QueueWriter;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The writer side of applog in one process: opened once, it appends this process's records
 * to its own queue under the queue root, sends a heartbeat every interval, says GOODBYE at
 * shutdown (and still takes the records of other shutdown hooks) and, in drainer mode
 * {@code auto}, starts the drainer process if none runs, on open and on every heartbeat.
 *
 * <pre>{@code
 * Applog applog = Applog.open(ApplogSettings.builder().queue(Path.of("/tmp/q")).build());
 * Logger log = applog.logger(MyService.class);
 * log.info("started on port {}", port);
 * }</pre>
 *
 * <p>Logging never throws into the application: a record that cannot be written is counted
 * and the count is logged as soon as writing works again.
 */
public final class Applog implements AutoCloseable {
    static {
        ApplogAccess.install(new Access());
    }

    private static Applog instance;
    /** The thread constructing an instance, if any: a record it logs meanwhile is dropped. */
    private static volatile Thread opening;

    private final ApplogSettings settings;
    private final QueueWriter writer;
    private final Map<String, Logger> loggers = new ConcurrentHashMap<>();
    private final Thread heartbeat;
    private final Thread shutdownHook;
    private final DrainerSupervisor supervisor;
    private volatile boolean closed;
    private final java.util.concurrent.atomic.LongAdder droppedUnopened = new java.util.concurrent.atomic.LongAdder();

    private Applog(ApplogSettings settings) {
        this.settings = settings;
        this.writer = openWriter(settings);
        if (writer != null) {
            heartbeat = new Thread(this::beat, "applog-heartbeat");
            heartbeat.setDaemon(true);
            heartbeat.start();
            shutdownHook = addShutdownHook(new Thread(this::exiting, "applog-shutdown"));
            supervisor = settings.drainer() == ApplogSettings.DrainerMode.AUTO
                    ? DrainerSupervisor.start(settings)
                    : null;
            if (shutdownHook == null) {
                exiting(); // opened by a shutdown hook: the process is exiting already
            }
        } else {
            heartbeat = null;
            shutdownHook = null;
            supervisor = null;
        }
    }

    /** Registers {@code hook}; null if the JVM is shutting down already. */
    private static Thread addShutdownHook(Thread hook) {
        try {
            Runtime.getRuntime().addShutdownHook(hook);
            return hook;
        } catch (IllegalStateException e) {
            return null;
        }
    }

    /**
     * Opens applog for this process, once: a second call returns the same instance (its
     * settings are ignored) until that instance is closed.
     *
     * @throws IllegalArgumentException only for invalid settings; I/O failures are reported
     *                                  on stderr and records are then dropped and counted
     */
    public static synchronized Applog open(ApplogSettings settings) {
        if (instance == null || instance.closed) {
            opening = Thread.currentThread();
            try {
                instance = new Applog(settings);
            } finally {
                opening = null;
            }
        }
        return instance;
    }

    /** Opens applog with settings from system properties and {@code applog.properties}. */
    public static Applog open() {
        return open(ApplogSettings.fromEnvironment());
    }

    /**
     * True while the calling thread is opening applog: front ends then drop the record (a
     * library that logs while the queue is being built must not open a second one).
     */
    static boolean isOpeningOnThisThread() {
        return opening == Thread.currentThread();
    }

    /** The open instance, or null. */
    public static synchronized Applog current() {
        return instance == null || instance.closed ? null : instance;
    }

    private static QueueWriter openWriter(ApplogSettings settings) {
        try {
            return QueueWriter.open(settings.queue(), settings.process(),
                    settings.rollCycle(), settings.minFreeBytes(),
                    settings.pretouch());
        } catch (Exception | LinkageError e) {
            InternalLog.warn("cannot open queue " + settings.queue() + " (records will be dropped"
                    + " and counted): " + InternalLog.describe(e));
            return null;
        }
    }

    public ApplogSettings settings() {
        return settings;
    }

    /** The logger for {@code name}, created once. */
    public Logger logger(String name) {
        Logger logger = loggers.get(name);
        if (logger == null) {
            logger = loggers.computeIfAbsent(name,
                    n -> new Logger(this, n, settings.levelFor(n)));
        }
        return logger;
    }

    public Logger logger(Class<?> type) {
        return logger(type.getName());
    }

    /** Records that could not be written (queue unavailable, disk nearly full, closed). */
    public long dropped() {
        return writer == null ? droppedUnopened.sum() : writer.dropped();
    }

    /** The drainer process this instance started last, or null. */
    Process drainerProcess() {
        return supervisor == null ? null : supervisor.last();
    }

    /** How many drainer processes this instance has started. */
    int drainerStarts() {
        return supervisor == null ? 0 : supervisor.starts();
    }

    /**
     * Appends {@code record} and resets it: the entry point of every front end (own API, and
     * through {@link ApplogAccess} SLF4J and JUL). The level check is the caller's. Never throws.
     */
    void append(MutableRecord record) {
        final QueueWriter w = writer;
        if (w == null) {
            droppedUnopened.increment();
            record.reset();
            return;
        }
        try {
            w.append(record);
        } catch (Throwable t) {
            record.reset();
            InternalLog.warnLimited("dropped a record: " + InternalLog.describe(t));
        }
    }

    private void beat() {
        long interval = settings.heartbeatMillis();
        while (!closed) {
            try {
                Thread.sleep(interval);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (!closed) {
                writer.heartbeat();
                if (supervisor != null) {
                    supervisor.check();
                }
            }
        }
    }

    /**
     * applog's shutdown hook: GOODBYE says the process is exiting, but the queue stays open and
     * mapped, so records that other shutdown hooks log while the JVM exits are still appended
     * (what is in the mapped file survives the process in the page cache). The drainer takes
     * such a writer as finished once its process is gone. A drainer is started if none runs
     * (one that died just before would leave these records unwritten), then no more.
     */
    private void exiting() {
        writer.exiting();
        if (supervisor != null) {
            supervisor.checkAndStop();
        }
    }

    /**
     * Appends a final GOODBYE, closes the queue and stops the heartbeat and the drainer's
     * supervision (after starting a drainer if none runs); later records are dropped and counted. An application that
     * logs until its process ends need not call this: at exit applog says GOODBYE itself and
     * keeps taking records from other shutdown hooks.
     */
    @Override
    public void close() {
        synchronized (Applog.class) {
            if (closed) {
                return;
            }
            closed = true;
        }
        if (writer != null) {
            writer.close();
            heartbeat.interrupt();
            if (supervisor != null) {
                supervisor.checkAndStop();
            }
            if (shutdownHook != null) {
                try {
                    Runtime.getRuntime().removeShutdownHook(shutdownHook);
                } catch (IllegalStateException e) {
                    // already shutting down: the hook runs and finds the writer closed
                }
            }
        }
    }

    /** What applog's own front ends and tools may do beyond the public methods. */
    private static final class Access extends ApplogAccess {
        @Override
        public void append(Applog applog, MutableRecord record) {
            applog.append(record);
        }

        @Override
        public boolean isOpeningOnThisThread() {
            return Applog.isOpeningOnThisThread();
        }

        @Override
        public Process drainerProcess(Applog applog) {
            return applog.drainerProcess();
        }

        @Override
        public int drainerStarts(Applog applog) {
            return applog.drainerStarts();
        }
    }
}

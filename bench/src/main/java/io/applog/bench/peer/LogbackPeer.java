package io.applog.bench.peer;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.status.Status;
import io.applog.bench.Jvm;

import java.nio.file.Path;

/**
 * Logback through its own API (a {@link LoggerContext} built here, not bound through SLF4J):
 * either an {@link AsyncAppender} over a {@link FileAppender}, or a FileAppender in prudent mode
 * (a file lock around every write: Logback's answer for several JVMs on one file).
 *
 * <p>The AsyncAppender as Logback's manual (Appenders, AsyncAppender) describes it for an
 * application that must not lose events: {@code discardingThreshold} 0 (otherwise TRACE, DEBUG
 * and INFO events are dropped once the queue is 80% full) and {@code neverBlock} false (a full
 * queue makes the caller wait instead of dropping). The manual says a larger queue "will
 * generally help" throughput at the expense of heap: it gets {@value #QUEUE_SIZE} slots instead
 * of the default 256, the capacity of the Log4j2 peer's ring buffer ({@link Log4j2Setup}).
 *
 * <p>The FileAppender keeps {@code immediateFlush} true, the default. The manual says false "is
 * likely to quadruple" throughput, but then events wait in the appender's 8 KB buffer until the
 * next write fills it or the context stops: Logback has no flush when its queue runs empty (Log4j2
 * flushes at the end of each batch), so the last lines of a burst would never reach the file while
 * the application runs, and the end-to-end benchmark, which waits for them, could not finish.
 */
public final class LogbackPeer implements Peer {
    /** AsyncAppender queue capacity (Logback's default: 256). */
    static final int QUEUE_SIZE = Log4j2Setup.RING_BUFFER_SIZE;

    private final String name;
    private final boolean prudent;
    private LoggerContext context;
    private ch.qos.logback.classic.Logger logger;
    private Path logfile;

    LogbackPeer(String name, boolean prudent) {
        this.name = name;
        this.prudent = prudent;
    }

    /** A prudent-mode Logback logger writing to {@code file}, for the multi-process harness. */
    public static LogbackPeer prudent(Path file) {
        LogbackPeer peer = new LogbackPeer(Peers.LOGBACK_PRUDENT, true);
        peer.configure(file);
        return peer;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void open(Path dir) {
        Peers.useSlf4jProvider(Jvm.NOP_PROVIDER);
        configure(dir.resolve("logback.log"));
    }

    private void configure(Path file) {
        logfile = file;
        context = new LoggerContext();
        context.setName("bench");
        context.setMDCAdapter(new LogbackMDCAdapter()); // what SLF4J binding would set; Logback 1.5+ needs one
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(Message.PATTERN);
        encoder.start();
        FileAppender<ILoggingEvent> fileAppender = new FileAppender<>();
        fileAppender.setContext(context);
        fileAppender.setName("file");
        fileAppender.setFile(file.toString());
        fileAppender.setAppend(true);
        fileAppender.setPrudent(prudent);
        fileAppender.setImmediateFlush(true); // the default; why not false: see the class comment
        fileAppender.setEncoder(encoder);
        fileAppender.start();
        Appender<ILoggingEvent> appender = fileAppender;
        if (!prudent) {
            AsyncAppender async = new AsyncAppender();
            async.setContext(context);
            async.setName("async");
            async.setQueueSize(QUEUE_SIZE);
            async.setDiscardingThreshold(0); // keep every level when the queue fills
            async.setNeverBlock(false); // a full queue makes the caller wait: nothing dropped
            async.addAppender(fileAppender);
            async.start();
            appender = async;
        }
        logger = context.getLogger(Message.LOGGER);
        logger.setLevel(Level.INFO);
        logger.setAdditive(false);
        logger.addAppender(appender);
        if (!appender.isStarted()) {
            throw new IllegalStateException("Logback appender did not start: " + context.getStatusManager().getCopyOfStatusList());
        }
    }

    @Override
    public Writer writer() {
        return new LogbackWriter(logger);
    }

    @Override
    public Path logfile() {
        return logfile;
    }

    /** Stops Logback; fails if Logback reported an error (it reports append failures only as status). */
    @Override
    public void close() {
        context.stop();
        for (Status s : context.getStatusManager().getCopyOfStatusList()) {
            if (s.getEffectiveLevel() >= Status.ERROR) {
                throw new IllegalStateException("Logback: " + s.getMessage()
                        + (s.getThrowable() == null ? "" : ": " + s.getThrowable()));
            }
        }
    }

    private static final class LogbackWriter implements Writer {
        private final ch.qos.logback.classic.Logger logger;

        LogbackWriter(ch.qos.logback.classic.Logger logger) {
            this.logger = logger;
        }

        @Override
        public void log(int number, String name) {
            logger.info(Message.TEMPLATE, number, name);
        }
    }
}

package io.applog.bench.peer;

import io.applog.Applog;
import io.applog.bench.Jvm;
import io.applog.log4j2.ApplogAppender;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Log4j2 through the {@code <Applog>} appender, configured by a log4j2.xml as a user writes it,
 * with an {@code applog drain} child process writing the text file while the benchmark runs.
 *
 * <p>Synchronous loggers, in Log4j2's garbage-free mode ({@link Log4j2Setup#garbageFree}), no
 * location. Log4j2's manual (Asynchronous loggers) recommends the synchronous loggers unless
 * benchmarks show a difference, since asynchronous logging exists to move I/O off the caller's
 * thread; this appender does no I/O in the caller's thread (it writes into a memory-mapped
 * queue, the drainer process writes the file), so an asynchronous logger would only add a
 * second queue, a thread hand-off and a background thread competing for the cores.
 */
final class Log4j2ApplogPeer extends DrainedPeer {
    /** The logger class of synchronous Log4j2 (no async context selector). */
    private static final String SYNC_LOGGER = "org.apache.logging.log4j.core.Logger";

    private Logger logger;
    private ApplogAppender appender;

    @Override
    public String name() {
        return Peers.LOG4J2_APPLOG;
    }

    @Override
    Applog openFrontEnd(Path dir, Path queue, Path logfile) throws Exception {
        Peers.useSlf4jProvider(Jvm.NOP_PROVIDER);
        Path config = dir.resolve("log4j2.xml");
        Files.writeString(config, "<Configuration status=\"warn\">\n"
                + "  <Appenders>\n"
                + "    <Applog name=\"applog\" queue=\"" + queue + "\" process=\"bench\" drainer=\"none\"/>\n"
                + "  </Appenders>\n"
                + "  <Loggers>\n"
                + "    <Root level=\"info\" includeLocation=\"false\"><AppenderRef ref=\"applog\"/></Root>\n"
                + "  </Loggers>\n"
                + "</Configuration>\n");
        System.clearProperty("log4j2.contextSelector");
        System.setProperty("log4j2.configurationFile", config.toString());
        Log4j2Setup.garbageFree();
        // close() stops Log4j2 itself (LogManager.shutdown()), which closes the appender's applog
        System.setProperty("log4j2.shutdownHookEnabled", "false");
        logger = LogManager.getLogger(Message.LOGGER);
        if (!logger.getClass().getName().equals(SYNC_LOGGER)) {
            throw new IllegalStateException("Log4j2 logger is " + logger.getClass().getName() + ", not " + SYNC_LOGGER);
        }
        appender = ((org.apache.logging.log4j.core.Logger) logger).getContext().getConfiguration().getAppender("applog");
        Applog applog = Applog.current();
        if (appender == null || applog == null) {
            throw new IllegalStateException("the <Applog> appender did not start (see Log4j2's status lines)");
        }
        return applog;
    }

    @Override
    public Writer writer() {
        return new Log4jWriter(logger);
    }

    /** Stops Log4j2: the appender closes applog. */
    @Override
    void stopFrontEnd(Applog applog) {
        LogManager.shutdown();
    }

    /** Fails if applog dropped a record or an append failed. */
    @Override
    void checkDelivered(Applog applog) {
        if (applog.dropped() > 0 || appender.failures() > 0) {
            throw new IllegalStateException("applog dropped " + applog.dropped() + " records, "
                    + appender.failures() + " appends failed");
        }
    }

    private static final class Log4jWriter implements Writer {
        private final Logger logger;

        Log4jWriter(Logger logger) {
            this.logger = logger;
        }

        @Override
        public void log(int number, String name) {
            logger.info(Message.TEMPLATE, number, name);
        }
    }
}

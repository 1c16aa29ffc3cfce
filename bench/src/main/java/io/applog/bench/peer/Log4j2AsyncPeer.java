package io.applog.bench.peer;

import io.applog.bench.Jvm;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Log4j2 all-async loggers ({@code AsyncLoggerContextSelector}, LMAX Disruptor 4) with the
 * garbage-free settings, writing through a {@code RandomAccessFile} appender (buffered,
 * flushed at the end of each Disruptor batch): Log4j2's fastest file setup. The ring buffer
 * and wait strategy are Log4j2's defaults (256 Ki slots, Timeout); a full ring buffer makes the
 * caller wait (the default policy), so nothing is dropped.
 */
final class Log4j2AsyncPeer implements Peer {
    private Logger logger;
    private Path logfile;

    @Override
    public String name() {
        return Peers.LOG4J2_ASYNC;
    }

    @Override
    public void open(Path dir) throws Exception {
        Peers.useSlf4jProvider(Jvm.NOP_PROVIDER);
        logfile = dir.resolve("log4j2.log");
        Path config = dir.resolve("log4j2.xml");
        Files.writeString(config, "<Configuration status=\"warn\">\n"
                + "  <Appenders>\n"
                + "    <RandomAccessFile name=\"file\" fileName=\"" + logfile + "\" immediateFlush=\"false\" append=\"true\">\n"
                + "      <PatternLayout pattern=\"" + Message.PATTERN + "\"/>\n"
                + "    </RandomAccessFile>\n"
                + "  </Appenders>\n"
                + "  <Loggers>\n"
                + "    <Root level=\"info\" includeLocation=\"false\"><AppenderRef ref=\"file\"/></Root>\n"
                + "  </Loggers>\n"
                + "</Configuration>\n");
        System.setProperty("log4j2.contextSelector", "org.apache.logging.log4j.core.async.AsyncLoggerContextSelector");
        System.setProperty("log4j2.configurationFile", config.toString());
        System.setProperty("log4j2.enableThreadlocals", "true");
        System.setProperty("log4j2.enableDirectEncoders", "true");
        System.setProperty("log4j2.garbagefreeThreadContextMap", "true");
        System.setProperty("log4j2.asyncQueueFullPolicy", "Default");
        System.setProperty("log4j2.shutdownHookEnabled", "false");
        logger = LogManager.getLogger(Message.LOGGER);
        if (!logger.getClass().getName().equals("org.apache.logging.log4j.core.async.AsyncLogger")) {
            throw new IllegalStateException("Log4j2 logger is " + logger.getClass().getName() + ", not AsyncLogger");
        }
    }

    @Override
    public Writer writer() {
        return new Log4jWriter(logger);
    }

    @Override
    public Path logfile() {
        return logfile;
    }

    @Override
    public void close() {
        LogManager.shutdown();
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

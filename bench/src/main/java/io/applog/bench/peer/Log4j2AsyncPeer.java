package io.applog.bench.peer;

import io.applog.bench.Jvm;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.nio.file.Path;

/**
 * Log4j2 all-async loggers over LMAX Disruptor 3.4.4, configured as {@link Log4j2Setup} says
 * (Log4j2's recommended throughput setup: garbage-free, a {@code RandomAccessFile} appender
 * flushed at the end of each batch, a full ring buffer makes the caller wait). Disruptor 4.0.0
 * loses messages with two threads here; the reproducer {@code io.applog.bench.repro.Log4j2LossCheck}
 * shows it.
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
        logfile = Log4j2Setup.configure(dir);
        logger = LogManager.getLogger(Message.LOGGER);
        Log4j2Setup.requireAsync(logger);
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

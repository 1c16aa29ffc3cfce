package io.applog.bench.peer;

import io.applog.bench.Jvm;

import java.nio.file.Path;
import java.util.logging.FileHandler;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * java.util.logging with a {@link FileHandler} and {@link SimpleFormatter}, as the JDK ships
 * them: the record is formatted and written (and flushed) in the caller's thread, under the
 * handler's lock.
 */
final class JulPeer implements Peer {
    private Logger logger;
    private FileHandler handler;
    private Path logfile;

    @Override
    public String name() {
        return Peers.JUL;
    }

    @Override
    public void open(Path dir) throws Exception {
        Peers.useSlf4jProvider(Jvm.NOP_PROVIDER);
        System.setProperty("java.util.logging.SimpleFormatter.format", Message.JUL_FORMAT);
        logfile = dir.resolve("jul.log");
        handler = new FileHandler(logfile.toString(), true);
        handler.setFormatter(new SimpleFormatter());
        handler.setLevel(Level.INFO);
        logger = Logger.getLogger(Message.LOGGER);
        logger.setUseParentHandlers(false);
        logger.setLevel(Level.INFO);
        logger.addHandler(handler);
    }

    @Override
    public Writer writer() {
        return new JulWriter(logger);
    }

    @Override
    public Path logfile() {
        return logfile;
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
        handler.close();
    }

    private static final class JulWriter implements Writer {
        private final Logger logger;

        JulWriter(Logger logger) {
            this.logger = logger;
        }

        @Override
        public void log(int number, String name) {
            logger.log(Level.INFO, Message.JUL_TEMPLATE, new Object[]{number, name});
        }
    }
}

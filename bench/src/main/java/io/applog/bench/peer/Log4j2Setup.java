package io.applog.bench.peer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one Log4j2 configuration of the suite, shared by the {@code log4j2-async} peer and the
 * Disruptor reproducer ({@code io.applog.bench.repro}), so that the reproducer checks exactly
 * what the benchmark measures. It uses only the JDK: the reproducer copies this class into a
 * child JVM whose class path holds Log4j2 and one Disruptor version, nothing else.
 *
 * <p>What Log4j2's manual recommends for throughput (Asynchronous loggers; Garbage-free
 * logging; Appenders, RandomAccessFile):
 * <ul>
 *   <li>all loggers asynchronous ({@code AsyncLoggerContextSelector}), which "gives the best
 *       performance", with plain {@code Root} elements (no {@code AsyncRoot}: a second barrier);</li>
 *   <li>a {@code RandomAccessFile} appender (always buffered; the manual's fastest file
 *       appender, and garbage-free) with {@code immediateFlush="false"}: async loggers flush at
 *       the end of each batch the background thread takes from the ring buffer;</li>
 *   <li>no location ({@code includeLocation="false"}, the default of async loggers);</li>
 *   <li>garbage-free mode: thread locals and direct encoders on (the defaults outside a web
 *       application, set here so that they cannot change under the benchmark), and the
 *       garbage-free thread context map;</li>
 *   <li>the ring buffer: {@value #RING_BUFFER_SIZE} slots, Log4j2's own default in garbage-free
 *       mode, set explicitly; the wait strategy {@code Timeout} (the default, garbage-free);
 *       a full ring buffer makes the caller wait ({@code asyncQueueFullPolicy=Default}), so
 *       nothing is discarded.</li>
 * </ul>
 */
public final class Log4j2Setup {
    /** The context selector that makes every logger asynchronous. */
    public static final String CONTEXT_SELECTOR = "org.apache.logging.log4j.core.async.AsyncLoggerContextSelector";
    /** The logger class that {@link #CONTEXT_SELECTOR} hands out. */
    public static final String ASYNC_LOGGER = "org.apache.logging.log4j.core.async.AsyncLogger";
    /**
     * Ring buffer slots: Log4j2's default when thread locals are on (garbage-free mode). The
     * Logback peer's AsyncAppender gets the same capacity, so neither is favoured by its queue.
     */
    public static final int RING_BUFFER_SIZE = 4096;
    /** The logfile's name inside the directory given to {@link #configure}. */
    public static final String LOGFILE = "log4j2.log";

    private Log4j2Setup() {
    }

    /**
     * Writes {@code log4j2.xml} into {@code dir} and sets the system properties Log4j2 reads when
     * it starts; call before anything touches {@code LogManager}.
     *
     * @return the logfile the configuration writes
     */
    public static Path configure(Path dir) throws IOException {
        Path logfile = dir.resolve(LOGFILE);
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
        System.setProperty("log4j2.contextSelector", CONTEXT_SELECTOR);
        System.setProperty("log4j2.configurationFile", config.toString());
        garbageFree();
        System.setProperty("log4j2.asyncLoggerRingBufferSize", Integer.toString(RING_BUFFER_SIZE));
        System.setProperty("log4j2.asyncLoggerWaitStrategy", "Timeout");
        System.setProperty("log4j2.asyncQueueFullPolicy", "Default");
        // the caller stops Log4j2 itself (LogManager.shutdown()) before the file is counted
        System.setProperty("log4j2.shutdownHookEnabled", "false");
        return logfile;
    }

    /**
     * Log4j2's garbage-free mode: thread locals and direct encoders on (the defaults outside a
     * web application, set so that they cannot change under the benchmark) and the garbage-free
     * thread context map; call before anything touches {@code LogManager}.
     */
    public static void garbageFree() {
        System.setProperty("log4j2.enableThreadlocals", "true");
        System.setProperty("log4j2.enableDirectEncoders", "true");
        System.setProperty("log4j2.garbagefreeThreadContextMap", "true");
    }

    /** @throws IllegalStateException if {@code logger} is not an all-async Log4j2 logger */
    public static void requireAsync(Object logger) {
        String type = logger.getClass().getName();
        if (!type.equals(ASYNC_LOGGER)) {
            throw new IllegalStateException("Log4j2 logger is " + type + ", not " + ASYNC_LOGGER);
        }
    }
}

package io.applog.bench.peer;

import java.nio.file.Path;

/**
 * One logger under test. {@link #open} prepares it to write into a directory of its own;
 * every benchmark thread then takes its own {@link Writer}. Not thread-safe except
 * {@link Writer#log} where the peer itself is.
 */
public interface Peer extends AutoCloseable {
    /** The name used in {@code @Param} and in the results ({@code applog}, {@code log4j2-async}, ...). */
    String name();

    /** Configures the logger to write into {@code dir}; sets the SLF4J provider of this JVM first. */
    void open(Path dir) throws Exception;

    /** A writer for the calling thread (raw Chronicle needs an appender per thread). */
    Writer writer();

    /** The text file the logged lines end up in, or null if there is none (raw Chronicle). */
    Path logfile();

    /** Stops the logger (and its drainer, if any), flushing what it can. */
    @Override
    void close() throws Exception;

    /** One logging call: {@link Message#TEMPLATE} with {@code number} and {@code name}. */
    interface Writer {
        void log(int number, String name);
    }
}

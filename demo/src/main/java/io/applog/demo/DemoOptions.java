package io.applog.demo;

import io.applog.Level;

import java.nio.file.Path;

/**
 * What one demo run does, validated by {@link DemoCommand}.
 *
 * @param workers        worker JVMs (1..{@link #MAX_WORKERS})
 * @param messages       messages per worker (1..{@link #MAX_MESSAGES}), each with {@code seq=1..M}
 * @param logfile        the logfile the drainer appends to (absolute)
 * @param stdout         echo the log to the terminal as it is written
 * @param level          threshold of every process
 * @param timeoutSeconds the drainer's heartbeat timeout (1..{@link #MAX_TIMEOUT_SECONDS})
 * @param crashWorker    worker that halts half-way (1..workers), or 0 for none
 */
record DemoOptions(int workers, int messages, Path logfile, boolean stdout, Level level,
                   int timeoutSeconds, int crashWorker) {
    static final int MAX_WORKERS = 32;
    static final int MAX_MESSAGES = 10_000_000;
    static final int MAX_TIMEOUT_SECONDS = 3600;

    /** The message after which a worker halts, or 0 if it runs to the end. */
    int crashAfter(int index) {
        return index == crashWorker ? WorkerPlan.crashAfter(messages) : 0;
    }
}

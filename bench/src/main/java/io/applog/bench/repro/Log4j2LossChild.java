package io.applog.bench.repro;

import io.applog.bench.peer.Log4j2Setup;
import io.applog.bench.peer.Message;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.nio.file.Path;

/**
 * One run of the reproducer, in a JVM whose class path is this class, {@link Log4j2Setup},
 * Log4j2 and one Disruptor version: {@code THREADS} threads each log {@code MESSAGES}
 * {@code info} calls through the suite's Log4j2 configuration, then {@code LogManager.shutdown()}.
 * Prints {@code disruptor=<jar>} (the jar the Disruptor classes came from) and
 * {@code logged=<count>}; {@link Log4j2LossCheck} counts the lines. Uses nothing else of the
 * bench (the constants of {@link Message} are compiled into it), and no nested class.
 *
 * <p>Usage: {@code Log4j2LossChild DIR THREADS MESSAGES}
 */
public final class Log4j2LossChild {
    private Log4j2LossChild() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int threads = Integer.parseInt(args[1]);
        int messages = Integer.parseInt(args[2]);
        Log4j2Setup.configure(dir);
        Logger logger = LogManager.getLogger(Message.LOGGER);
        Log4j2Setup.requireAsync(logger);
        Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            workers[t] = new Thread(() -> logAll(logger, messages), "bench-worker-" + (t + 1));
        }
        for (Thread w : workers) {
            w.start();
        }
        for (Thread w : workers) {
            w.join();
        }
        LogManager.shutdown();
        Class<?> ringBuffer = Class.forName("com.lmax.disruptor.RingBuffer");
        System.out.println("disruptor=" + ringBuffer.getProtectionDomain().getCodeSource().getLocation().getPath());
        System.out.println("logged=" + (long) threads * messages);
    }

    private static void logAll(Logger logger, int messages) {
        for (int i = 0; i < messages; i++) {
            logger.info(Message.TEMPLATE, i & Message.INT_MASK, Message.NAME);
        }
    }
}

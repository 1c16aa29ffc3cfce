package io.applog.kafka.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * On SIGTERM or SIGINT: asks a loop to stop and gives it 5 s to write what it holds and save
 * its checkpoint before the JVM exits.
 */
final class StopHook implements AutoCloseable {
    private final CountDownLatch done = new CountDownLatch(1);

    StopHook(Runnable stop, String name) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop.run();
            try {
                done.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, name));
    }

    /** The loop has returned: the hook need not wait. */
    @Override
    public void close() {
        done.countDown();
    }
}

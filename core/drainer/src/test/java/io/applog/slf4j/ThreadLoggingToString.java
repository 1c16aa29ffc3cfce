package io.applog.slf4j;

import org.slf4j.Logger;

/** An argument whose {@code toString()} logs from another thread and waits for it. */
public final class ThreadLoggingToString {
    private final Logger log;

    public ThreadLoggingToString(Logger log) {
        this.log = log;
    }

    @Override
    public String toString() {
        Thread helper = new Thread(() -> log.info("from helper thread"), "helper");
        helper.start();
        try {
            helper.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "joined";
    }
}

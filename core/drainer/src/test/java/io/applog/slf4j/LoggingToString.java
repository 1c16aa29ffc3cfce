package io.applog.slf4j;

import org.slf4j.Logger;

/** An argument whose {@code toString()} logs itself through the same logger. */
public final class LoggingToString {
    private final Logger log;

    public LoggingToString(Logger log) {
        this.log = log;
    }

    @Override
    public String toString() {
        log.info("inside toString {}", this);
        return "rendered";
    }
}

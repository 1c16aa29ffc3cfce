package io.applog.log4j2;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.MarkerManager;
import org.apache.logging.log4j.ThreadContext;

import java.io.IOException;

/**
 * A child application that uses only the Log4j2 API, configured by the log4j2.xml the test
 * wrote: {@code Log4j2App <process> <records>}. Prints the class of its logger and of that
 * logger's configuration (so the test sees which async mode ran), then {@code done N}.
 */
public final class Log4j2App {
    private Log4j2App() {
    }

    public static void main(String[] args) throws Exception {
        final String name = args[0];
        final int records = Integer.parseInt(args[1]);
        final Logger log = LogManager.getLogger("demo.Worker");
        System.out.println("logger " + log.getClass().getSimpleName() + " "
                + ((org.apache.logging.log4j.core.Logger) log).get().getClass().getSimpleName());
        ThreadContext.put("user", "ann");
        for (int i = 0; i < records; i++) {
            ThreadContext.put("request", "r-" + i);
            log.info("record {} of {} ({})", i, name, i % 2 == 0);
        }
        ThreadContext.clearMap();
        log.warn(MarkerManager.getMarker("AUDIT"), "marked warning of {}", name);
        IllegalStateException failure = new IllegalStateException("outer failure", new IOException("inner cause"));
        failure.addSuppressed(new IllegalArgumentException("suppressed one"));
        log.error("failed to {} in {}", "connect", name, failure);
        log.info("literal {} and \\{} stay as they are");
        log.info(new StringBuilder("mutable ").append(name));
        StringBuilder changing = new StringBuilder("before");
        log.info("argument {} at call time", changing);
        changing.setLength(0);
        changing.append("after");
        LogManager.getLogger("io.applog.fake").error("never in the queue");
        LogManager.getLogger("net.openhft.fake").error("never in the queue");
        Thread helper = new Thread(() -> log.info("from helper of {}", name), "helper");
        helper.start();
        helper.join();
        log.info("done {}", name);
        System.out.println("done " + records);
    }
}

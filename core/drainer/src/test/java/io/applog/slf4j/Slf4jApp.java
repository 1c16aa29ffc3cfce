package io.applog.slf4j;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.MarkerFactory;

import java.io.IOException;

/**
 * A child application that uses only slf4j-api: {@code Slf4jApp <scenario> <name>}. Logger
 * names are outside {@code io.applog} so that they go into the queue.
 */
public final class Slf4jApp {
    private Slf4jApp() {
    }

    public static void main(String[] args) throws Exception {
        String name = args.length > 1 ? args[1] : "?";
        switch (args[0]) {
            case "worker":
                worker(name);
                break;
            case "context":
                context();
                break;
            case "internal":
                internal();
                break;
            case "plain":
                plain();
                break;
            default:
                throw new IllegalArgumentException("scenario=" + args[0]);
        }
    }

    private static void worker(String name) {
        Logger log = LoggerFactory.getLogger("demo.Worker");
        Logger verbose = LoggerFactory.getLogger("demo.verbose.Part");
        log.info("hello from {} number {}", name, 42);
        log.info("three {} {} {} of {}", "a", 2, 3.5, name);
        log.debug("hidden debug of {}", name);
        verbose.debug("verbose debug of {}", name);
        verbose.trace("hidden trace of {}", name);
        log.error("failed to {} in {}", "connect", name,
                new IllegalStateException("outer failure", new IOException("inner cause")));
        log.info("bad argument {} of {}", new ThrowingToString(), name);
        log.info("recursive {} of " + name, new LoggingToString(log));
        log.info("cross-thread {} of " + name, new ThreadLoggingToString(log));
        log.warn(MarkerFactory.getMarker("AUDIT"), "marked warning of {}", name);
        log.info("done {}", name);
    }

    private static void context() throws InterruptedException {
        Logger log = LoggerFactory.getLogger("demo.Context");
        MDC.put("request", "r-17");
        MDC.put("user", "ann");
        log.atInfo().addKeyValue("order", 1234).addKeyValue("status", "paid")
                .addMarker(MarkerFactory.getMarker("AUDIT")).log("order {} paid", 1234);
        MDC.put("user", "bob");
        log.info("second with context");
        Thread other = new Thread(() -> log.info("other thread"), "other");
        other.start();
        other.join();
        MDC.clear();
        log.info("no context");
        log.info(MarkerFactory.getMarker("SECURITY"), "marked");
        log.atWarn().addKeyValue("k", (Object) null).setCause(new IllegalArgumentException("bad k")).log("fluent cause");
    }

    /** Exits with 3 if applog opened before the first enabled call of a queue logger, 4 if not after it. */
    private static void internal() {
        LoggerFactory.getLogger("net.openhft.fake.Component").warn("chronicle warns {}", 7);
        LoggerFactory.getLogger("net.openhft.fake.Component").info("chronicle info hidden");
        LoggerFactory.getLogger("io.applog.fake").error("applog error\nsecond line");
        java.util.logging.Logger.getLogger("net.openhft.jul").warning("jul internal warning");
        Logger app = LoggerFactory.getLogger("demo.Internal");
        app.debug("disabled debug");
        java.util.logging.Logger.getLogger("demo.Internal").fine("disabled jul fine");
        if (io.applog.Applog.current() != null) {
            System.exit(3);
        }
        app.info("visible record");
        if (io.applog.Applog.current() == null) {
            System.exit(4);
        }
    }

    private static void plain() {
        Logger log = LoggerFactory.getLogger("demo.Plain");
        log.info("plain info");
        log.warn("plain warn {}", 1);
        log.error("plain error", new RuntimeException("plain"));
        java.util.logging.Logger.getLogger("demo.PlainJul").info("plain jul info");
    }
}

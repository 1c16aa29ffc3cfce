package io.applog.logback;

import ch.qos.logback.classic.LoggerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.Marker;
import org.slf4j.MarkerFactory;

import java.io.IOException;

/**
 * A child application that logs through SLF4J only, configured by whatever provider the JVM
 * has (Logback with its {@code logback.xml}, or applog's own provider for the comparison):
 * {@code LogbackApp COUNT [stop]}. Record {@code i} carries the MDC {@code request=req-i}; by
 * {@code i % 4} it is a plain INFO with two arguments, a fluent INFO with two key-value pairs,
 * a WARN with the marker {@code AUDIT}, or a DEBUG (below the threshold, never written). Record
 * {@code COUNT / 2} is followed by one ERROR with {@link #failure()}. One WARN of a logger named
 * {@code io.applog...} must not reach the queue. With {@code stop}, the Logback context is
 * stopped at the end (the appender closes applog); then {@code done COUNT} on stdout.
 */
public final class LogbackApp {
    static final Marker AUDIT = MarkerFactory.getMarker("AUDIT");

    private LogbackApp() {
    }

    public static void main(String[] args) {
        final int count = Integer.parseInt(args[0]);
        final boolean stop = args.length > 1 && "stop".equals(args[1]);
        Logger log = LoggerFactory.getLogger("demo.Orders");
        for (int i = 0; i < count; i++) {
            MDC.put("request", "req-" + i);
            switch (i % 4) {
                case 0 -> log.info("record {} of {}", i, count);
                case 1 -> log.atInfo().addKeyValue("order", i).addKeyValue("customer", "alice")
                        .log("fluent record {}", i);
                case 2 -> log.warn(AUDIT, "audited record {}", i);
                default -> log.debug("debug record {}", i);
            }
            if (i == count / 2) {
                log.error("failed record {}", i, failure());
                LoggerFactory.getLogger("io.applog.test.Internal").warn("internal record {}", i);
            }
        }
        MDC.clear();
        if (stop && LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.stop();
        }
        System.out.println("done " + count);
    }

    /**
     * An exception with a cause and a suppressed one, each with fixed frames, so that its text
     * is the same in every JVM: what the tests expect in the logfile.
     */
    static IOException failure() {
        IllegalStateException cause = new IllegalStateException("disk unplugged");
        cause.setStackTrace(new StackTraceElement[]{
                new StackTraceElement("demo.Disk", "write", "Disk.java", 7),
                new StackTraceElement("demo.Orders", "save", "Orders.java", 42)});
        IOException failure = new IOException("write failed", cause);
        failure.setStackTrace(new StackTraceElement[]{
                new StackTraceElement("demo.Orders", "save", "Orders.java", 44),
                new StackTraceElement("demo.Main", "main", "Main.java", 3)});
        IllegalArgumentException suppressed = new IllegalArgumentException("close failed");
        suppressed.setStackTrace(new StackTraceElement[]{
                new StackTraceElement("demo.Disk", "close", "Disk.java", 9),
                new StackTraceElement("demo.Main", "main", "Main.java", 3)});
        failure.addSuppressed(suppressed);
        return failure;
    }
}

package io.applog.bench.peer;

/** The one message every peer logs: a template with an int and a short String argument. */
public final class Message {
    /** Placeholder template of SLF4J, Log4j2, Logback and applog. */
    public static final String TEMPLATE = "order {} for {}";
    /** The same message in JUL's {@link java.text.MessageFormat} syntax. */
    public static final String JUL_TEMPLATE = "order {0} for {1}";
    /** Logger name; outside {@code io.applog}, whose loggers applog's SLF4J provider sends to stderr. */
    public static final String LOGGER = "bench.Orders";
    public static final String NAME = "alice";
    /**
     * Mask applied to the int argument: values 0..127 box to cached {@link Integer}s, so the
     * call site allocates nothing and B/op is the logger's own allocation.
     */
    public static final int INT_MASK = 127;
    /** Line layout of the peers that format text (Log4j2, Logback; JUL's equivalent below). */
    public static final String PATTERN = "%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%thread] %logger - %msg%n";
    public static final String JUL_FORMAT = "%1$tF %1$tT.%1$tL %4$-5s %3$s - %5$s%n";

    private Message() {
    }
}

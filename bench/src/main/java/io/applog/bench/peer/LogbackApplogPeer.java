package io.applog.bench.peer;

import ch.qos.logback.classic.LoggerContext;
import io.applog.Applog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Logback + ApplogAppender: Logback as the SLF4J provider, configured by a {@code logback.xml}
 * ({@code -Dlogback.configurationFile}) whose root logger has applog's appender
 * ({@code io.applog.logback.ApplogAppender}) only, as an application that keeps its Logback
 * configuration is; with an {@code applog drain} child process writing the text file.
 */
final class LogbackApplogPeer implements Peer {
    /** Logback's SLF4J provider; the bench jar carries applog's as well. */
    static final String LOGBACK_PROVIDER = "ch.qos.logback.classic.spi.LogbackServiceProvider";
    private static final String CONFIGURATION = """
            <configuration>
              <appender name="APPLOG" class="io.applog.logback.ApplogAppender">
                <queue>%s</queue>
                <process>bench</process>
                <drainer>none</drainer>
              </appender>
              <root level="INFO">
                <appender-ref ref="APPLOG"/>
              </root>
            </configuration>
            """;

    private Logger logger;
    private LoggerContext context;
    private DrainerChild drainer;
    private Path logfile;

    @Override
    public String name() {
        return Peers.LOGBACK_APPLOG;
    }

    @Override
    public void open(Path dir) throws Exception {
        Peers.useSlf4jProvider(LOGBACK_PROVIDER);
        Path queue = dir.resolve("queue");
        logfile = dir.resolve("applog.log");
        Path xml = dir.resolve("logback.xml");
        Files.writeString(xml, CONFIGURATION.formatted(queue), StandardCharsets.UTF_8);
        System.setProperty("logback.configurationFile", xml.toString());
        logger = LoggerFactory.getLogger(Message.LOGGER);
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext c)) {
            throw new IllegalStateException("SLF4J bound to " + LoggerFactory.getILoggerFactory().getClass().getName()
                    + ", not Logback");
        }
        context = c;
        logger.info("peer {} opened", name()); // the first event opens applog, as in an application
        if (Applog.current() == null) {
            throw new IllegalStateException("the ApplogAppender did not open applog: "
                    + context.getStatusManager().getCopyOfStatusList());
        }
        drainer = DrainerChild.start(queue, logfile, "text", dir.resolve("drainer.out"));
    }

    @Override
    public Writer writer() {
        return new Slf4jWriter(logger);
    }

    @Override
    public Path logfile() {
        return logfile;
    }

    /** Stops Logback (the appender closes applog), then the drainer; fails if a record was dropped. */
    @Override
    public void close() throws Exception {
        Applog applog = Applog.current();
        long dropped = applog == null ? 0 : applog.dropped();
        try {
            drainer.checkAlive();
            drainer.close();
        } finally {
            context.stop();
        }
        if (dropped > 0) {
            throw new IllegalStateException("applog dropped " + dropped + " records");
        }
    }

    private static final class Slf4jWriter implements Writer {
        private final Logger logger;

        Slf4jWriter(Logger logger) {
            this.logger = logger;
        }

        @Override
        public void log(int number, String name) {
            logger.info(Message.TEMPLATE, number, name);
        }
    }
}

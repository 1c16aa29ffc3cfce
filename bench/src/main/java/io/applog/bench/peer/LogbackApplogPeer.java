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
final class LogbackApplogPeer extends DrainedPeer {
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

    @Override
    public String name() {
        return Peers.LOGBACK_APPLOG;
    }

    @Override
    Applog openFrontEnd(Path dir, Path queue, Path logfile) throws Exception {
        Peers.useSlf4jProvider(LOGBACK_PROVIDER);
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
        Applog applog = Applog.current();
        if (applog == null) {
            throw new IllegalStateException("the ApplogAppender did not open applog: "
                    + context.getStatusManager().getCopyOfStatusList());
        }
        return applog;
    }

    @Override
    public Writer writer() {
        return new Slf4jWriter(logger);
    }

    /** Stops Logback: the appender closes applog. */
    @Override
    void stopFrontEnd(Applog applog) {
        context.stop();
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

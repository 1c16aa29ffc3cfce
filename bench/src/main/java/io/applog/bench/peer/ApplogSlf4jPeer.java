package io.applog.bench.peer;

import io.applog.Applog;
import io.applog.ApplogSettings;
import io.applog.bench.Jvm;
import io.applog.bridge.Bridge;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;

/**
 * applog as the SLF4J provider ({@code slf4j.provider} names it; the bench jar also carries
 * Logback's provider), configured by the {@code applog.*} system properties as an application
 * would be, with an {@code applog drain} child process.
 */
final class ApplogSlf4jPeer extends DrainedPeer {
    private Logger logger;

    @Override
    public String name() {
        return Peers.APPLOG_SLF4J;
    }

    @Override
    Applog openFrontEnd(Path dir, Path queue, Path logfile) {
        Peers.useSlf4jProvider(Jvm.APPLOG_PROVIDER);
        System.setProperty(ApplogSettings.QUEUE, queue.toString());
        System.setProperty(ApplogSettings.PROCESS, "bench");
        System.setProperty(ApplogSettings.LOGFILE, logfile.toString());
        System.setProperty(ApplogSettings.LEVEL, "INFO");
        System.setProperty(ApplogSettings.DRAINER, "none");
        System.setProperty("applog.jul", "false");
        logger = LoggerFactory.getLogger(Message.LOGGER);
        if (!logger.getClass().getName().startsWith("io.applog.")) {
            throw new IllegalStateException("SLF4J bound to " + logger.getClass().getName() + ", not applog");
        }
        Applog applog = Bridge.applog(); // opens it now, as the first logging call would
        if (applog == null) {
            throw new IllegalStateException("applog did not open through SLF4J");
        }
        return applog;
    }

    @Override
    public Writer writer() {
        return new Slf4jWriter(logger);
    }

    /** SLF4J has no stop: closes applog, as an application's shutdown would. */
    @Override
    void stopFrontEnd(Applog applog) {
        applog.close();
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

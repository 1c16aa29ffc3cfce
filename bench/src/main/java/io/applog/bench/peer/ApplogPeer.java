package io.applog.bench.peer;

import io.applog.Applog;
import io.applog.ApplogSettings;
import io.applog.Level;
import io.applog.Logger;
import io.applog.bench.Jvm;

import java.nio.file.Path;

/**
 * applog through its own API ({@link Logger}). With a drainer, an {@code applog drain} child
 * process turns the queue into the logfile while the benchmark runs, as in a deployment; without
 * one, only the append path runs (comparable to raw Chronicle, which has no consumer).
 */
final class ApplogPeer implements Peer {
    private final String name;
    private final boolean withDrainer;
    private Applog applog;
    private Logger logger;
    private DrainerChild drainer;
    private Path logfile;

    ApplogPeer(String name, boolean withDrainer) {
        this.name = name;
        this.withDrainer = withDrainer;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void open(Path dir) throws Exception {
        Peers.useSlf4jProvider(Jvm.APPLOG_PROVIDER);
        Path queue = dir.resolve("queue");
        logfile = dir.resolve("applog.log");
        applog = Applog.open(ApplogSettings.builder().queue(queue).process("bench").logfile(logfile)
                .drainer(ApplogSettings.DrainerMode.NONE).level(Level.INFO).build());
        logger = applog.logger(Message.LOGGER);
        if (withDrainer) {
            drainer = DrainerChild.start(queue, logfile, "text", dir.resolve("drainer.out"));
        }
    }

    @Override
    public Writer writer() {
        return new ApiWriter(logger);
    }

    @Override
    public Path logfile() {
        return withDrainer ? logfile : null;
    }

    @Override
    public void close() throws Exception {
        try {
            if (drainer != null) {
                drainer.checkAlive();
                drainer.close();
            }
        } finally {
            applog.close();
        }
        if (applog.dropped() > 0) {
            throw new IllegalStateException("applog dropped " + applog.dropped() + " records");
        }
    }

    private static final class ApiWriter implements Writer {
        private final Logger logger;

        ApiWriter(Logger logger) {
            this.logger = logger;
        }

        @Override
        public void log(int number, String name) {
            logger.info(Message.TEMPLATE, number, name);
        }
    }
}

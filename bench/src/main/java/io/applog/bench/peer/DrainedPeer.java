package io.applog.bench.peer;

import io.applog.Applog;

import java.nio.file.Path;

/**
 * The set-up and tear-down of the peers that log into an applog queue through a front end (SLF4J,
 * Logback's ApplogAppender, Log4j2's {@code <Applog>}): the queue {@code dir/queue}, an
 * {@code applog drain} child process writing it to {@code dir/applog.log} as text while the
 * benchmark runs, and a close that stops the drainer, then the front end, and fails if the
 * drainer had exited or applog dropped a record. The logging call is not here: each peer's
 * {@link Peer.Writer} calls its own logger directly.
 */
abstract class DrainedPeer implements Peer {
    private Applog applog;
    private DrainerChild drainer;
    private Path logfile;

    /**
     * Sets this JVM's SLF4J provider and configures the front end to write into {@code queue};
     * {@code logfile} is the drainer's, for settings that name it.
     *
     * @return the Applog the front end opened
     * @throws IllegalStateException if the front end opened none
     */
    abstract Applog openFrontEnd(Path dir, Path queue, Path logfile) throws Exception;

    /** Stops the front end, which closes {@code applog} (or closes it, where the front end has no stop of its own). */
    abstract void stopFrontEnd(Applog applog);

    /** @throws IllegalStateException if {@code applog} dropped a record */
    void checkDelivered(Applog applog) {
        if (applog.dropped() > 0) {
            throw new IllegalStateException("applog dropped " + applog.dropped() + " records");
        }
    }

    @Override
    public final void open(Path dir) throws Exception {
        Path queue = dir.resolve("queue");
        logfile = dir.resolve("applog.log");
        applog = openFrontEnd(dir, queue, logfile);
        drainer = DrainerChild.start(queue, logfile, "text", dir.resolve("drainer.out"));
    }

    @Override
    public final Path logfile() {
        return logfile;
    }

    /** Stops the drainer, then the front end (which closes applog); fails if a record was dropped. */
    @Override
    public final void close() throws Exception {
        try {
            drainer.checkAlive();
            drainer.close();
        } finally {
            stopFrontEnd(applog);
        }
        checkDelivered(applog);
    }
}

package io.applog.kafka;

import io.applog.drain.CollectorFiles;
import io.applog.drain.Drainer;
import io.applog.drain.DrainerLock;
import io.applog.drain.Sink;
import io.applog.drain.Sinks;
import io.applog.internal.InternalLog;
import io.applog.internal.SecureFiles;
import io.applog.record.DecodedRecord;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code applog collect}: reads every partition of the topic {@code applog ship} writes, and
 * merges every writer of every host into one logfile in timestamp order, exactly once across
 * kill -9 and restart ({@link CollectorCheckpoint}). Its state (lock and checkpoint) lives in
 * the directory {@code <logfile>.collector}; a second collector of the same logfile is refused.
 *
 * <p>A record is written once every host's shipper has beaten a watermark at or past its
 * timestamp (each host's messages share one partition, so a beat comes after every record it
 * covers, of any writer); a host whose shipper has sent nothing for the stall time no longer
 * holds the others back. Nothing is written before every partition has been read to its end
 * once, so that every host with records in the topic is known. It reads with {@code assign}, never with a
 * consumer group: no offsets are committed to Kafka, its own checkpoint is the only one.
 */
public final class Collector implements AutoCloseable {
    /** How long a silent writer holds back the others at least (its shipper beats every 100-200 ms). */
    public static final long STALL_MILLIS = 5_000;
    private static final int BATCH = 8192;

    private final CollectorOptions options;
    private final DrainerLock lock;
    private final CollectorCheckpoint checkpoint;
    private final Sink sink;
    private final TopicConsumer consumer;
    private final TopicMerge merge;
    private final TopicMerge.Output toSink;
    private final CollectorStats stats;
    private final long timeoutNanos;
    private final long startNanos = System.nanoTime();
    private volatile boolean stopRequested;
    /**
     * The last pass wrote a full batch: more records may be ready, so the next poll does not wait
     * for new messages (a pass per batch that waited 20 ms each capped a catching-up collector
     * at about 300 k lines/s).
     */
    private boolean backlog;
    /** Lines were flushed since the last checkpoint. */
    private boolean unsaved;
    private long lastSaveNanos;

    private Collector(CollectorOptions options, Path dir, DrainerLock lock, CollectorCheckpoint checkpoint, Sink sink) {
        this.options = options;
        this.lock = lock;
        this.checkpoint = checkpoint;
        this.sink = sink;
        this.merge = new TopicMerge(Math.max(options.reorderMillis(), STALL_MILLIS) * 1_000_000L);
        this.toSink = new TopicMerge.Output() {
            @Override
            public void write(DecodedRecord record) throws IOException {
                sink.write(record);
            }

            @Override
            public boolean batchFull() throws IOException {
                return sink.needsCheckpoint(); // the logfile is due to rotate: checkpoint first, as the drainer does
            }
        };
        this.stats = new CollectorStats(dir, options.kafka().topic());
        this.timeoutNanos = options.timeoutSeconds() * 1_000_000_000L;
        // without a checkpoint: from the end (or the beginning if asked); a partition added later: from its beginning
        this.consumer = new TopicConsumer(options.kafka(), "applog-collect", partition -> {
            Long saved = checkpoint.offsets.get(partition);
            return saved != null ? saved
                    : checkpoint.offsets.isEmpty() && !options.fromBeginning() ? TopicConsumer.END : TopicConsumer.BEGINNING;
        }, false);
    }

    /** The directory holding a collector's lock, checkpoint and stats for {@code logfile}. */
    static Path stateDir(Path logfile) {
        return CollectorFiles.stateDir(logfile);
    }

    /**
     * Takes the logfile's lock, restores the logfile to the checkpoint and starts reading the
     * topic from the checkpointed offsets.
     *
     * @throws IOException if another collector writes the logfile ({@link Drainer#isBusy}),
     *                     or the checkpoint is of another topic, or the logfile cannot be used
     */
    public static Collector open(CollectorOptions options) throws IOException {
        Path dir = stateDir(options.logfile());
        if (Files.isSymbolicLink(dir)) {
            throw new IOException("collector dir " + dir + " is a symbolic link");
        }
        SecureFiles.createDirectories(dir);
        DrainerLock lock = DrainerLock.acquire(dir, "logfile " + options.logfile() + " is already being collected");
        Sink sink = null;
        try {
            CollectorCheckpoint checkpoint = new CollectorCheckpoint(dir);
            checkpoint.load();
            String topic = options.kafka().topic();
            if (!checkpoint.topic.isEmpty() && !checkpoint.topic.equals(topic)) {
                throw new IOException("logfile " + options.logfile() + " is collected from topic=" + checkpoint.topic
                        + " (its checkpoint " + dir + "), not topic=" + topic);
            }
            checkpoint.topic = topic;
            sink = Sinks.logfile(options.logfile(), options.format(), options.pattern(), options.echoStdout(),
                    options.rotation());
            sink.restore(sink.kind().equals(checkpoint.sinkKind) ? checkpoint.sinkPosition : null);
            Collector c = new Collector(options, dir, lock, checkpoint, sink);
            c.resume();
            return c;
        } catch (IOException | RuntimeException e) {
            if (sink != null) {
                try {
                    sink.abandon();
                } catch (IOException closing) {
                    e.addSuppressed(closing);
                }
            }
            lock.close();
            throw e;
        }
    }

    private void resume() throws IOException {
        long now = System.nanoTime();
        for (CollectorCheckpoint.Writer w : checkpoint.writers.values()) {
            merge.addWriter(w.id(), w.lastIndex(), now);
        }
        save();
    }

    /**
     * Asks the logfile's sink to close the file and open its path again after the next
     * checkpoint (SIGHUP, after logrotate renamed it). Any thread.
     */
    public void reopen() {
        sink.reopen();
    }

    /** Asks {@link #run()} to write what it holds and return. */
    public void stop() {
        stopRequested = true;
    }

    /** Collects until every writer has ended or gone silent for the timeout (or {@link #stop()}), then writes what is left. */
    public void run() throws IOException {
        while (true) {
            int n = doWork();
            if (n == 0 && finishing()) {
                break;
            }
        }
        while (merge.handOn(true, BATCH, toSink) > 0) {
            save();
        }
        save();
        stats.maybeSave(merge, consumer, true);
        if (merge.skipped() > 0) {
            InternalLog.warn("messages of topic " + options.kafka().topic() + " skipped: " + merge.describeSkipped());
        }
    }

    /**
     * One pass: find partitions, poll, write and flush every record that may be written;
     * checkpoint once {@link Drainer#SAVE_NANOS} have passed since the last (or when the logfile
     * is due to rotate), as the drainer does: with a beat every millisecond, a checkpoint file
     * per pass cost more than the lines.
     * Nothing is written before every partition has been read to its end once, so that every
     * host with records in the topic is known.
     */
    int doWork() throws IOException {
        int received = consumer.poll(merge, false, !backlog);
        int n = consumer.caughtUp() ? merge.handOn(false, BATCH, toSink) : 0;
        backlog = n == BATCH || n > 0 && sink.needsCheckpoint();
        if (n > 0) {
            sink.flush();
            unsaved = true;
        }
        if (unsaved && (System.nanoTime() - lastSaveNanos >= Drainer.SAVE_NANOS || sink.needsCheckpoint())) {
            save();
        }
        stats.maybeSave(merge, consumer, false);
        return n + received;
    }

    /**
     * True once asked to stop, or once the topic has been read to its end and every writer has
     * ended or been silent for the timeout, all written (not before: a broker slow to answer
     * is not a topic without writers).
     */
    private boolean finishing() {
        return stopRequested || timeoutNanos != 0 && consumer.caughtUp()
                && merge.allEnded(System.nanoTime(), timeoutNanos, startNanos);
    }

    /** Flushes the logfile, then saves its length with the offsets to read again and every writer's last index. */
    private void save() throws IOException {
        sink.flush();
        checkpoint.sinkKind = sink.kind();
        checkpoint.sinkPosition = sink.position();
        checkpoint.offsets.putAll(consumer.resumeOffsets(merge));
        List<RemoteWriter> writers = merge.writers();
        for (int i = 0, size = writers.size(); i < size; i++) {
            RemoteWriter w = writers.get(i);
            if (w.lastWritten != w.savedIndex || !checkpoint.writers.containsKey(w.id.key())) {
                checkpoint.writers.put(w.id.key(), new CollectorCheckpoint.Writer(w.id, w.lastWritten));
            }
        }
        checkpoint.save();
        for (int i = 0, size = writers.size(); i < size; i++) {
            writers.get(i).savedIndex = writers.get(i).lastWritten;
        }
        unsaved = false;
        lastSaveNanos = System.nanoTime();
        if (sink.afterCheckpoint()) {
            checkpoint.sinkPosition = sink.position();
            checkpoint.save();
        }
    }



    @Override
    public void close() throws IOException {
        try {
            consumer.close();
            sink.close();
        } finally {
            lock.close();
        }
    }
}

package io.applog.kafka;

import io.applog.drain.DrainerLock;
import io.applog.drain.Sink;
import io.applog.drain.Sinks;
import io.applog.internal.InternalLog;
import io.applog.internal.SecureFiles;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.locks.LockSupport;

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
    private static final long PARTITION_CHECK_NANOS = 5_000_000_000L;
    private static final long RETRY_NANOS = 1_000_000_000L;
    private static final Duration POLL = Duration.ofMillis(20);

    private final CollectorOptions options;
    private final String topic;
    private final DrainerLock lock;
    private final CollectorCheckpoint checkpoint;
    private final Sink sink;
    private final Consumer<byte[], byte[]> consumer;
    private final Map<String, RemoteWriter> byKey = new HashMap<>();
    private final List<RemoteWriter> writers = new ArrayList<>();
    private final Map<String, HostState> hosts = new HashMap<>();
    private final List<HostState> hostList = new ArrayList<>();
    private final Map<Integer, TreeSet<Long>> pending = new TreeMap<>();
    private final Map<Integer, Long> nextOffset = new TreeMap<>();
    private final ShipReader reader = new ShipReader();
    private final StringBuilder scratch = new StringBuilder(64);
    private final RemoteWriter.Done chunkDone = this::chunkDone;
    private final long stallNanos;
    private final long timeoutNanos;
    private final long startNanos = System.nanoTime();
    private long nextPartitionCheck;
    private long written;
    private long duplicates;
    private long foreign;
    private boolean metadataProblem;
    /** Every partition was read to its end once since the start: every host that has shipped is known. */
    private boolean caughtUp;
    private volatile boolean stopRequested;

    private Collector(CollectorOptions options, DrainerLock lock, CollectorCheckpoint checkpoint, Sink sink,
                      Consumer<byte[], byte[]> consumer) {
        this.options = options;
        this.topic = options.kafka().topic();
        this.lock = lock;
        this.checkpoint = checkpoint;
        this.sink = sink;
        this.consumer = consumer;
        this.stallNanos = Math.max(options.reorderMillis(), STALL_MILLIS) * 1_000_000L;
        this.timeoutNanos = options.timeoutSeconds() * 1_000_000_000L;
    }

    /** The directory holding a collector's lock and checkpoint for {@code logfile}. */
    static Path stateDir(Path logfile) {
        return logfile.toAbsolutePath().resolveSibling(logfile.getFileName() + ".collector");
    }

    /**
     * Takes the logfile's lock, restores the logfile to the checkpoint and starts reading the
     * topic from the checkpointed offsets.
     *
     * @throws IOException if another collector writes the logfile ({@link io.applog.drain.Drainer#isBusy}),
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
            sink = Sinks.logfile(options.logfile(), options.format(), null, options.echoStdout(), options.rotation());
            sink.restore(sink.kind().equals(checkpoint.sinkKind) ? checkpoint.sinkPosition : null);
            Consumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties(options.kafka()));
            Collector c = new Collector(options, lock, checkpoint, sink, consumer);
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

    static java.util.Properties consumerProperties(KafkaSettings kafka) {
        return kafka.client(Map.of(
                "key.deserializer", ByteArrayDeserializer.class.getName(),
                "value.deserializer", ByteArrayDeserializer.class.getName(),
                "enable.auto.commit", "false",
                "isolation.level", "read_committed",
                "auto.offset.reset", "earliest",
                "allow.auto.create.topics", "false",
                "max.poll.records", "2000",
                "client.id", "applog-collect"));
    }

    private void resume() throws IOException {
        long now = System.nanoTime();
        for (CollectorCheckpoint.Writer w : checkpoint.writers.values()) {
            addWriter(w.id(), w.lastIndex(), now);
        }
        save();
    }

    /** Records written to the logfile by this collector. */
    public long written() {
        return written;
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
        while (writeBatch(true) > 0) {
            save();
        }
        save();
    }

    /** One pass: find partitions, poll, write every record that may be written, checkpoint. */
    int doWork() throws IOException {
        long now = System.nanoTime();
        if (now - nextPartitionCheck >= 0) {
            nextPartitionCheck = now + (assignPartitions() ? PARTITION_CHECK_NANOS : RETRY_NANOS);
        }
        int received = 0;
        if (!consumer.assignment().isEmpty()) {
            ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
            now = System.nanoTime();
            for (ConsumerRecord<byte[], byte[]> r : records) {
                receive(r, now);
                received++;
            }
        } else {
            LockSupport.parkNanos(POLL.toNanos());
        }
        if (!caughtUp) {
            caughtUp = caughtUp();
        }
        int n = caughtUp ? writeBatch(false) : 0;
        if (n > 0) {
            save();
        }
        return n + received;
    }

    /** Reads the topic's partitions and starts reading new ones; false if they cannot be known yet. */
    private boolean assignPartitions() {
        List<PartitionInfo> infos;
        try {
            infos = consumer.partitionsFor(topic, Duration.ofSeconds(5));
        } catch (KafkaException e) { // no answer yet (a timeout), or the broker refused
            noteMetadata("cannot read the partitions of topic " + topic + " (" + InternalLog.describe(e)
                    + "); trying again");
            return false;
        }
        if (infos == null || infos.isEmpty()) {
            noteMetadata("topic " + topic + " does not exist yet; waiting for it");
            return false;
        }
        if (metadataProblem) {
            metadataProblem = false;
            InternalLog.warn("topic " + topic + " found: " + infos.size() + " partitions");
        }
        Set<TopicPartition> now = new HashSet<>(consumer.assignment());
        List<TopicPartition> added = new ArrayList<>();
        for (PartitionInfo p : infos) {
            TopicPartition tp = new TopicPartition(topic, p.partition());
            if (now.add(tp)) {
                added.add(tp);
            }
        }
        if (added.isEmpty()) {
            return true;
        }
        consumer.assign(now);
        boolean fresh = checkpoint.offsets.isEmpty() && !options.fromBeginning();
        for (TopicPartition tp : added) {
            Long saved = checkpoint.offsets.get(tp.partition());
            if (saved != null) {
                consumer.seek(tp, saved);
            } else if (fresh) {
                consumer.seekToEnd(List.of(tp));
            } else {
                consumer.seekToBeginning(List.of(tp));
            }
        }
        return true;
    }

    /** True if every partition is assigned and read to its end (as the last fetch saw it). */
    private boolean caughtUp() {
        Set<TopicPartition> assigned = consumer.assignment();
        if (assigned.isEmpty()) {
            return false;
        }
        for (TopicPartition tp : assigned) {
            java.util.OptionalLong lag = consumer.currentLag(tp);
            if (lag.isEmpty() || lag.getAsLong() > 0) {
                return false;
            }
        }
        return true;
    }

    /** Says once (until it is solved) why the topic's partitions are not known. */
    private void noteMetadata(String message) {
        if (!metadataProblem) {
            metadataProblem = true;
            InternalLog.warn(message);
        }
    }

    private void receive(ConsumerRecord<byte[], byte[]> r, long now) {
        nextOffset.put(r.partition(), r.offset() + 1);
        byte[] value = r.value();
        try {
            reader.reset(value, 0);
            byte kind = ShipCodec.kind(reader);
            ShipCodec.Identity id = ShipCodec.identity(reader, scratch);
            HostState host = host(id.host(), now);
            host.lastHeardNanos = now;
            if (kind == ShipLayout.KIND_BEAT) {
                long watermark = reader.getLong();
                byte state = reader.getByte();
                long dropped = reader.getLong();
                host.watermarkNanos = Math.max(host.watermarkNanos, watermark);
                if (!id.writer().isEmpty()) {
                    writer(id, now).beat(state, dropped);
                }
                return;
            }
            RemoteWriter w = writer(id, now);
            long prev = reader.getLong();
            long last = reader.getLong();
            int count = reader.getCount(19);
            RemoteWriter.Chunk chunk = new RemoteWriter.Chunk(value, r.partition(), r.offset(), reader.position(),
                    count, w.lastTaken);
            if (w.take(chunk, prev, last)) {
                pending.computeIfAbsent(r.partition(), p -> new TreeSet<>()).add(r.offset());
            } else {
                duplicates += count;
            }
        } catch (ShipReader.Malformed e) {
            foreign++;
            InternalLog.warn("skipping message at partition " + r.partition() + " offset " + r.offset()
                    + " of topic " + topic + ": " + e.getMessage());
        }
    }

    private RemoteWriter writer(ShipCodec.Identity id, long now) {
        RemoteWriter w = byKey.get(id.key());
        if (w == null) {
            w = addWriter(id, -1, now);
        }
        w.lastHeardNanos = now;
        return w;
    }

    private HostState host(String name, long now) {
        HostState h = hosts.get(name);
        if (h == null) {
            h = new HostState(now);
            hosts.put(name, h);
            hostList.add(h);
            if (hosts.size() == 2) {
                for (RemoteWriter each : writers) {
                    each.showHost(true);
                }
            }
        }
        return h;
    }

    private RemoteWriter addWriter(ShipCodec.Identity id, long lastWritten, long now) {
        host(id.host(), now);
        RemoteWriter w = new RemoteWriter(id, lastWritten, now);
        byKey.put(id.key(), w);
        writers.add(w);
        w.showHost(hosts.size() > 1);
        return w;
    }

    /** One host as its beats tell: how old a record its shipper may still send is, and when it was last heard. */
    private static final class HostState {
        long watermarkNanos = Long.MIN_VALUE;
        long lastHeardNanos;

        HostState(long now) {
            lastHeardNanos = now;
        }
    }

    private void chunkDone(RemoteWriter.Chunk c) {
        TreeSet<Long> offsets = pending.get(c.partition);
        if (offsets != null) {
            offsets.remove(c.offset);
        }
    }

    /** Writes up to a batch of records in timestamp order; with {@code all}, whatever the other writers. */
    private int writeBatch(boolean all) throws IOException {
        final List<RemoteWriter> ws = writers;
        final long now = System.nanoTime();
        int n = 0;
        while (n < BATCH) {
            RemoteWriter min = null;
            for (int i = 0, size = ws.size(); i < size; i++) {
                RemoteWriter w = ws.get(i);
                if (w.fill(chunkDone) && (min == null || w.head().timestampNanos < min.head().timestampNanos)) {
                    min = w;
                }
            }
            if (min == null || !all && !hostsPassed(min.head().timestampNanos, now)) {
                break;
            }
            sink.write(min.head());
            min.advance();
            n++;
        }
        written += n;
        return n;
    }

    /**
     * True if no host can still send a record older than {@code t}: each has beaten a watermark
     * at or past it, or has been silent for the stall time.
     */
    private boolean hostsPassed(long t, long now) {
        final List<HostState> hs = hostList;
        for (int i = 0, size = hs.size(); i < size; i++) {
            HostState h = hs.get(i);
            if (h.watermarkNanos < t && now - h.lastHeardNanos < stallNanos) {
                return false;
            }
        }
        return true;
    }

    /** True once asked to stop, or once every writer has ended or been silent for the timeout, all written. */
    private boolean finishing() {
        if (stopRequested) {
            return true;
        }
        if (timeoutNanos == 0) {
            return false;
        }
        long now = System.nanoTime();
        if (writers.isEmpty()) {
            return now - startNanos >= timeoutNanos;
        }
        for (RemoteWriter w : writers) {
            if (!w.idle() || !w.ended() && now - w.lastHeardNanos < timeoutNanos) {
                return false;
            }
        }
        return true;
    }

    /** Flushes the logfile, then saves its length with the offsets to read again and every writer's last index. */
    private void save() throws IOException {
        sink.flush();
        checkpoint.sinkKind = sink.kind();
        checkpoint.sinkPosition = sink.position();
        for (TopicPartition tp : consumer.assignment()) {
            TreeSet<Long> offsets = pending.get(tp.partition());
            Long next = nextOffset.get(tp.partition());
            long from = offsets != null && !offsets.isEmpty() ? offsets.first()
                    : next != null ? next : consumer.position(tp);
            checkpoint.offsets.put(tp.partition(), from);
        }
        for (RemoteWriter w : writers) {
            if (w.lastWritten != w.savedIndex || !checkpoint.writers.containsKey(w.id.key())) {
                checkpoint.writers.put(w.id.key(), new CollectorCheckpoint.Writer(w.id, w.lastWritten));
            }
        }
        checkpoint.save();
        for (RemoteWriter w : writers) {
            w.savedIndex = w.lastWritten;
        }
        if (sink.afterCheckpoint()) {
            checkpoint.sinkPosition = sink.position();
            checkpoint.save();
        }
    }

    /** Messages skipped as not applog's (each warned about), and records received twice (dropped). */
    public String counts() {
        return "written=" + written + " duplicates=" + duplicates + " foreign=" + foreign;
    }

    @Override
    public void close() throws IOException {
        try {
            consumer.close(Duration.ofSeconds(2));
            sink.close();
        } finally {
            lock.close();
        }
    }
}

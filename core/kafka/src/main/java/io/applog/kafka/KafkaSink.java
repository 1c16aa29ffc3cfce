package io.applog.kafka;

import io.applog.drain.Sink;
import io.applog.drain.TopicPosition;
import io.applog.drain.WriterSource;
import io.applog.internal.InternalLog;
import io.applog.record.DecodedRecord;
import io.applog.record.WriterHello;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;

/**
 * A Kafka topic as the drainer's {@link Sink} ({@code applog ship}): each writer's records
 * packed into {@link ShipLayout} messages keyed by the host (one partition, in order), plus
 * beats carrying the host's watermark and each writer's state, sent by an idempotent producer.
 *
 * <p>Exactly once is the collector's, with this sink's help: {@link #flush} returns only once
 * the broker has acknowledged every message sent, so the drainer's checkpoint (and the deletion
 * of written queue files) never passes a record the topic does not hold. A kill -9 after
 * {@code flush} and before the checkpoint makes the restarted shipper send those records
 * again; every message names the index of the record sent before it ({@code prev index}, -1
 * after a restart), and the collector writes only records above each writer's last written
 * index, and skips a message whose {@code prev index} is past what it has (a message sent after
 * one that was lost; the shipper sends both again from its checkpoint). Nothing can be cut back
 * from a topic, so {@link #restore} drops nothing: it starts a new producer.
 *
 * <p>Its position is a {@link TopicPosition}: the messages acknowledged and the topic, which
 * {@code applog stats} reads without a Kafka class.
 */
public final class KafkaSink implements Sink {
    /** The sink's name in the checkpoint. */
    public static final String KIND = TopicPosition.KIND;
    private static final long HOST_BEAT_NANOS = 100_000_000L;
    private static final long WRITER_BEAT_NANOS = 1_000_000_000L;
    /** How far behind the shipper's clock a writer not found yet is said to be (a scan's slack). */
    private static final long SCAN_SLACK_NANOS = 200_000_000L;
    /**
     * How long after its timestamp a record may at most appear in its queue (a writer
     * descheduled between taking the time and committing): a writer with nothing to read has
     * passed its last record and the shipper's clock less this.
     */
    private static final long COMMIT_SLACK_NANOS = 2_000_000_000L;
    private static final DateTimeFormatter SINCE = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final KafkaSettings settings;
    private final String host;
    private final long holdNanos;
    private final Function<Properties, Producer<byte[], byte[]>> producers;
    private final Map<WriterSource, Outgoing> outgoing = new IdentityHashMap<>();
    private final ShipCodec.Identity hostOnly;
    private final byte[] key;
    private long hostBeatNanos;
    private final ShipBuffer beat = new ShipBuffer(256);
    private final Callback acked = this::onAck;
    private Producer<byte[], byte[]> producer;
    /** The first send that failed since the last flush; read and cleared by {@link #flush}. */
    private volatile Exception failure;
    private volatile long acknowledged;
    private long flushedAcknowledged;
    /** When the broker last acknowledged a message (epoch millis). */
    private volatile long lastAckMillis = System.currentTimeMillis();
    /** Since when flushes fail (the last acknowledgement before), epoch millis; -1 while they succeed. */
    private long downSinceMillis = -1;
    /** The problem last noted ({@code unreachable}, or another failure's text); null while none. */
    private String problem;

    /**
     * @param settings      servers, topic and client properties
     * @param host          the host name every writer's identity carries
     * @param reorderMillis the drainer's reorder window: a live writer with nothing to read is
     *                      said to have passed the shipper's clock less this (and a scan's slack)
     */
    public KafkaSink(KafkaSettings settings, String host, long reorderMillis) {
        this(settings, host, reorderMillis, KafkaProducer::new);
    }

    KafkaSink(KafkaSettings settings, String host, long reorderMillis,
              Function<Properties, Producer<byte[], byte[]>> producers) {
        if (host == null || host.isEmpty() || host.indexOf('/') >= 0) {
            throw new IllegalArgumentException("host=" + host + " (expected a name without '/')");
        }
        this.settings = settings;
        this.host = host;
        this.holdNanos = reorderMillis * 1_000_000L + SCAN_SLACK_NANOS;
        this.producers = producers;
        this.hostOnly = new ShipCodec.Identity(host, "", "", 0, 0);
        this.key = host.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The producer's properties: short timeouts and a bounded backoff unless the user sets them
     * (an unreachable broker fails a flush within 10 s; the client reconnects after 100 ms,
     * doubling to 5 s), the user's, then idempotence and acks=all, which exactly once needs.
     */
    Properties producerProperties() {
        return settings.client(Map.of(
                "request.timeout.ms", "5000",
                "delivery.timeout.ms", "10000",
                "max.block.ms", "5000",
                "reconnect.backoff.ms", "100",
                "reconnect.backoff.max.ms", "5000",
                "retry.backoff.ms", "100",
                "retry.backoff.max.ms", "5000"), Map.of(
                "key.serializer", ByteArraySerializer.class.getName(),
                "value.serializer", ByteArraySerializer.class.getName(),
                "enable.idempotence", "true",
                "acks", "all",
                "max.in.flight.requests.per.connection", "5",
                "client.id", "applog-ship-" + host));
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String describe() {
        return "topic " + settings.topic() + " at " + settings.bootstrap();
    }

    @Override
    public void restore(String position) throws IOException {
        closeProducer(Duration.ZERO);
        outgoing.clear();
        failure = null;
        TopicPosition saved = position == null ? null : TopicPosition.parse(position);
        boolean same = saved != null && saved.topic().equals(settings.topic());
        acknowledged = same ? saved.acknowledged() : 0;
        flushedAcknowledged = acknowledged;
        producer = producers.apply(producerProperties());
    }

    @Override
    public void write(DecodedRecord record) {
        throw new UnsupportedOperationException("the kafka sink writes records with the writer they are from");
    }

    @Override
    public void write(WriterSource from, DecodedRecord record) throws IOException {
        Outgoing out = outgoing(from);
        if (out == null) {
            InternalLog.warnLimited("skipping a record of " + from.name() + " read before its HELLO");
            return;
        }
        out.add(record);
        if (out.buffer.length() >= ShipLayout.MESSAGE_BYTES) {
            send(out);
        }
    }

    private Outgoing outgoing(WriterSource from) {
        Outgoing out = outgoing.get(from);
        if (out == null) {
            WriterHello h = from.hello();
            if (h == null) {
                return null;
            }
            out = new Outgoing(new ShipCodec.Identity(host, from.name(), h.process(), h.pid(), h.startMillis()));
            outgoing.put(from, out);
        }
        return out;
    }

    /**
     * Sends what is packed for each writer, then beats: one for each writer whose state changed
     * (or every second), and one of the host every 100 ms. A beat goes after the records it
     * covers (one partition per host keeps them in order); its host watermark is the oldest
     * record this shipper may still send: the oldest of each writer's head not handed on yet,
     * or, for a live writer with nothing to read, its last record (or heartbeat) read and at
     * worst the clock less 2 s; and the clock less the reorder window and a scan's slack for a
     * writer not found yet.
     */
    @Override
    public void watermarks(List<WriterSource> writers) {
        final long now = System.nanoTime();
        final long clock = System.currentTimeMillis() * 1_000_000L;
        long watermark = clock - holdNanos;
        for (int i = 0, n = writers.size(); i < n; i++) {
            WriterSource s = writers.get(i);
            Outgoing out = outgoing(s);
            if (out != null) {
                send(out);
            }
            if (s.hasHead()) {
                watermark = Math.min(watermark, s.head().timestampNanos);
            } else if (!s.state().ended()) {
                watermark = Math.min(watermark, Math.max(s.watermarkNanos(), clock - COMMIT_SLACK_NANOS));
            }
        }
        for (int i = 0, n = writers.size(); i < n; i++) {
            WriterSource s = writers.get(i);
            Outgoing out = outgoing.get(s);
            if (out == null) {
                continue;
            }
            boolean ended = s.state().ended() && !s.hasHead();
            byte state = !ended ? ShipLayout.STATE_LIVE
                    : s.state() == WriterSource.State.CLOSED ? ShipLayout.STATE_CLOSED : ShipLayout.STATE_DEAD;
            if (state != out.beatState || now - out.beatNanos >= WRITER_BEAT_NANOS) {
                beat(out.id, watermark, state, s.dropped());
                out.beatState = state;
                out.beatNanos = now;
                hostBeatNanos = now;
            }
        }
        if (now - hostBeatNanos >= HOST_BEAT_NANOS) {
            beat(hostOnly, watermark, ShipLayout.STATE_LIVE, 0);
            hostBeatNanos = now;
        }
        if (outgoing.size() > writers.size()) { // writers retired: forget them
            outgoing.keySet().retainAll(new java.util.HashSet<>(writers));
        }
    }

    private void beat(ShipCodec.Identity id, long hostWatermark, byte state, long dropped) {
        beat.clear();
        ShipCodec.header(beat, ShipLayout.KIND_BEAT, id);
        beat.putLong(hostWatermark);
        beat.putByte(state);
        beat.putLong(dropped);
        send(key, beat.toArray());
    }

    private void send(Outgoing out) {
        if (out.count == 0) {
            return;
        }
        send(key, out.finish());
    }

    /**
     * Hands one message to the producer; a failure is kept for {@link #flush} to report. After
     * one, nothing more is sent (each send could wait for metadata): the flush fails anyway.
     */
    private void send(byte[] key, byte[] value) {
        if (failure != null) {
            return;
        }
        try {
            producer.send(new ProducerRecord<>(settings.topic(), key, value), acked);
        } catch (RuntimeException e) { // no metadata within max.block.ms, a closed producer ...
            if (failure == null) {
                failure = e;
            }
        }
    }

    private void onAck(RecordMetadata metadata, Exception e) {
        if (e != null) {
            if (failure == null) {
                failure = e;
            }
        } else {
            acknowledged++; // callbacks run on the producer's one I/O thread
            lastAckMillis = System.currentTimeMillis();
        }
    }

    @Override
    public boolean needsCheckpoint() {
        return false;
    }

    /** Sends everything packed and waits until the broker has acknowledged all of it. */
    @Override
    public void flush() throws IOException {
        for (Outgoing out : outgoing.values()) {
            send(out);
        }
        try {
            producer.flush();
        } catch (RuntimeException e) {
            throw failed(e);
        }
        Exception e = failure;
        if (e != null) {
            throw failed(e);
        }
        flushedAcknowledged = acknowledged;
        if (downSinceMillis >= 0) {
            long now = System.currentTimeMillis();
            note("broker " + settings.bootstrap() + " reachable again after "
                    + String.format(Locale.ROOT, "%.1f", (now - downSinceMillis) / 1000.0) + " s");
            downSinceMillis = -1;
            problem = null;
        }
    }

    /**
     * Notes a failed flush, once per outage (and once per other problem): the broker
     * unreachable since its last acknowledgement, or what else failed, credentials masked.
     * The drainer then resumes from its checkpoint after a backoff.
     */
    private IOException failed(Exception e) {
        String reason = settings.maskSecrets(InternalLog.describe(e));
        boolean outage = isOutage(e);
        if (downSinceMillis < 0) {
            downSinceMillis = lastAckMillis;
        }
        String what = outage ? "unreachable" : reason;
        if (!what.equals(problem)) {
            problem = what;
            note(outage
                    ? "broker " + settings.bootstrap() + " unreachable since " + SINCE.format(Instant.ofEpochMilli(downSinceMillis))
                    + " (retrying); records wait in the queue dir"
                    : "cannot ship to " + describe() + ": " + reason + " (retrying); records wait in the queue dir");
        }
        return new IOException("cannot ship to " + describe() + ": " + reason);
    }

    /** True if {@code e} (or a cause) says the broker did not answer: a timeout, a lost connection. */
    private static boolean isOutage(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof RetriableException) {
                return true;
            }
        }
        return false;
    }

    private static void note(String line) {
        System.err.println("applog ship: " + line);
    }

    @Override
    public boolean notesFailures() {
        return true;
    }

    @Override
    public String position() {
        return new TopicPosition(flushedAcknowledged, settings.topic(), 0).encode();
    }

    @Override
    public boolean afterCheckpoint() {
        return false;
    }

    /** Drops what is packed and not acknowledged: the drainer sends it again from its checkpoint. */
    @Override
    public void abandon() {
        outgoing.clear();
        closeProducer(Duration.ZERO);
    }

    @Override
    public void close() {
        closeProducer(Duration.ofSeconds(5));
    }

    private void closeProducer(Duration wait) {
        if (producer != null) {
            try {
                producer.close(wait);
            } catch (RuntimeException e) {
                InternalLog.warnLimited("closing the producer of " + describe() + ": " + InternalLog.describe(e));
            }
            producer = null;
        }
    }

    /** One writer's records being packed into its next message, and its last beat. */
    private static final class Outgoing {
        final ShipCodec.Identity id;
        final ShipBuffer buffer = new ShipBuffer(64 * 1024);
        int count;
        /** Index of the last record put into a message; -1 (unknown) since the restore. */
        long lastIndex = ShipLayout.PREV_UNKNOWN;
        private int countAt;
        private int lastAt;
        byte beatState = ShipLayout.STATE_LIVE;
        long beatNanos = Long.MIN_VALUE / 2;

        Outgoing(ShipCodec.Identity id) {
            this.id = id;
        }

        void add(DecodedRecord r) {
            if (count == 0) {
                buffer.clear();
                ShipCodec.header(buffer, ShipLayout.KIND_RECORDS, id);
                buffer.putLong(lastIndex);
                lastAt = buffer.length();
                buffer.putLong(0); // last index, set by finish()
                countAt = buffer.length();
                buffer.putInt(0);
            }
            ShipCodec.record(buffer, r);
            lastIndex = r.index;
            count++;
        }

        /** The message's bytes, its last index and count filled in; the next add starts a new one. */
        byte[] finish() {
            buffer.putLongAt(lastAt, lastIndex);
            buffer.putIntAt(countAt, count);
            count = 0;
            return buffer.toArray();
        }
    }
}

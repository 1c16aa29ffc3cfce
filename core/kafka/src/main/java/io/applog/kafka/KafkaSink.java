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
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
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
    /** A host beat goes at least this often. */
    private static final long HOST_BEAT_NANOS = 100_000_000L;
    /** A host beat goes as soon as the watermark moved, at most this often: the collector writes a record once a beat covers it. */
    private static final long HOST_BEAT_MIN_NANOS = 1_000_000L;
    private static final long WRITER_BEAT_NANOS = 1_000_000_000L;

    private final KafkaSettings settings;
    private final String host;
    private final long reorderNanos;
    private final Function<Properties, Producer<byte[], byte[]>> producers;
    private final Map<WriterSource, Outgoing> outgoing = new IdentityHashMap<>();
    private final ShipCodec.Identity hostOnly;
    private final byte[] key;
    private long hostBeatNanos;
    /** The highest host watermark beaten so far. */
    private long beatWatermark = Long.MIN_VALUE;
    private final ShipBuffer beat = new ShipBuffer(256);
    private final Callback acked = this::onAck;
    private Producer<byte[], byte[]> producer;
    /** The first send that failed since the last flush; read and cleared by {@link #flush}. */
    private volatile Exception failure;
    private volatile long acknowledged;
    private long flushedAcknowledged;
    private final BrokerNotes notes;
    /**
     * A records message is sent once it holds this many bytes, and holds more only as a single
     * record; halved each time the broker refuses a message of several records as too large.
     */
    private int messageBytes = ShipLayout.MESSAGE_BYTES;
    /** Messages the broker refused as too large (its I/O thread adds, {@link #flush} takes). */
    private final Queue<Sent> refused = new ConcurrentLinkedQueue<>();
    /** Records the broker refused alone as too large ({@code <writer dir>#<index>}): skipped when read again. */
    private final Set<String> tooLarge = new HashSet<>();
    /** Records skipped as too large, counted since the first shipper of this queue dir (and as flushed). */
    private long lost;
    private long flushedLost;

    /**
     * @param settings      servers, topic and client properties
     * @param host          the host name every writer's identity carries
     * @param reorderMillis the drainer's reorder window: a live writer with nothing to read is
     *                      said to have passed the shipper's clock less this
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
        this.reorderNanos = reorderMillis * 1_000_000L;
        this.producers = producers;
        this.hostOnly = new ShipCodec.Identity(host, "", "", 0, 0);
        this.key = host.getBytes(StandardCharsets.UTF_8);
        this.notes = new BrokerNotes(settings, describe());
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
        lost = same ? saved.lost() : 0;
        flushedLost = lost;
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
        if (!tooLarge.isEmpty() && tooLarge.contains(from.name() + "#" + record.index)) {
            lost++; // the broker refused it alone: noted once when it did
            return;
        }
        out.add(record);
        if (out.buffer.length() >= messageBytes) {
            if (out.count > 1 && out.buffer.length() > messageBytes) {
                sendAllButLast(out); // the last record starts the next message
            } else {
                send(out);
            }
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
     * (or every second), and one of the host as soon as its watermark moved (at most every
     * 1 ms, at least every 100 ms). A beat goes after the records it covers (one partition per
     * host keeps them in order); its host watermark is the oldest record this shipper may
     * still send: the oldest of each writer's head not handed on yet; for a live writer with
     * nothing to read, its last record (or heartbeat) read, or the clock less the reorder window
     * if that is later (the rule by which {@code applog drain} writes a quiet writer's peers);
     * and the last listing of the queue dir, for a writer not found yet.
     */
    @Override
    public void watermarks(List<WriterSource> writers, long scannedFromNanos) {
        final long now = System.nanoTime();
        final long quietPassed = System.currentTimeMillis() * 1_000_000L - reorderNanos;
        long watermark = scannedFromNanos;
        for (int i = 0, n = writers.size(); i < n; i++) {
            WriterSource s = writers.get(i);
            Outgoing out = outgoing(s);
            if (out != null) {
                send(out);
            }
            if (s.hasHead()) {
                watermark = Math.min(watermark, s.head().timestampNanos);
            } else if (!s.state().ended()) {
                watermark = Math.min(watermark, Math.max(s.watermarkNanos(), quietPassed));
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
                hostBeat(watermark, now);
            }
        }
        long sinceBeat = now - hostBeatNanos;
        if (sinceBeat >= HOST_BEAT_NANOS || watermark > beatWatermark && sinceBeat >= HOST_BEAT_MIN_NANOS) {
            beat(hostOnly, watermark, ShipLayout.STATE_LIVE, 0);
            hostBeat(watermark, now);
        }
        if (outgoing.size() > writers.size()) { // writers retired: forget them
            outgoing.keySet().retainAll(new HashSet<>(writers));
        }
    }

    private void hostBeat(long watermark, long now) {
        hostBeatNanos = now;
        beatWatermark = Math.max(beatWatermark, watermark);
    }

    private void beat(ShipCodec.Identity id, long hostWatermark, byte state, long dropped) {
        beat.clear();
        ShipCodec.header(beat, ShipLayout.KIND_BEAT, id);
        beat.putLong(hostWatermark);
        beat.putByte(state);
        beat.putLong(dropped);
        send(key, beat.toArray(), acked);
    }

    private void send(Outgoing out) {
        if (out.count == 0) {
            return;
        }
        int count = out.count;
        long last = out.lastIndex;
        byte[] value = out.finish();
        send(key, value, new Sent(out.id, last, count, value.length));
    }

    private void sendAllButLast(Outgoing out) {
        int count = out.count - 1;
        long last = out.previousIndex;
        byte[] value = out.finishAllButLast();
        send(key, value, new Sent(out.id, last, count, value.length));
    }

    /**
     * Hands one message to the producer; a failure is kept for {@link #flush} to report. After
     * one, nothing more is sent (each send could wait for metadata): the flush fails anyway.
     */
    private void send(byte[] key, byte[] value, Callback callback) {
        if (failure != null) {
            return;
        }
        try {
            producer.send(new ProducerRecord<>(settings.topic(), key, value), callback);
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
            notes.acknowledged();
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
            throw notes.failed(e);
        }
        boolean refusals = takeRefusals();
        Exception e = failure;
        if (e != null) {
            if (refusals && e instanceof RecordTooLargeException) { // smaller messages, or the record skipped, next time
                throw new IOException("cannot ship to " + describe() + ": a message too large; sending again");
            }
            throw notes.failed(e);
        }
        flushedAcknowledged = acknowledged;
        flushedLost = lost;
        notes.flushed();
    }

    /**
     * Learns from the messages the broker refused as too large: a message of several records
     * makes messages half as large from now on; a single record is noted once and skipped
     * when the drainer reads it again (counted as lost). True if there were any.
     */
    private boolean takeRefusals() {
        boolean any = false;
        Sent s;
        while ((s = refused.poll()) != null) {
            any = true;
            if (s.count > 1) {
                messageBytes = Math.max(1, Math.min(messageBytes, s.bytes) / 2);
            } else if (tooLarge.add(s.id.writer() + "#" + s.lastIndex)) {
                BrokerNotes.note("record " + s.lastIndex + " of " + s.id.writer() + " (process " + s.id.process() + ") is "
                        + s.bytes + " bytes, more than topic " + settings.topic()
                        + " accepts (max.message.bytes); skipped, counted as lost");
            }
        }
        return any;
    }

    @Override
    public boolean notesFailures() {
        return true;
    }

    @Override
    public String position() {
        return new TopicPosition(flushedAcknowledged, settings.topic(), flushedLost).encode();
    }

    /** A records message sent: what the broker's answer is about. */
    private final class Sent implements Callback {
        final ShipCodec.Identity id;
        final long lastIndex;
        final int count;
        final int bytes;

        Sent(ShipCodec.Identity id, long lastIndex, int count, int bytes) {
            this.id = id;
            this.lastIndex = lastIndex;
            this.count = count;
            this.bytes = bytes;
        }

        @Override
        public void onCompletion(RecordMetadata metadata, Exception e) {
            if (e instanceof RecordTooLargeException) {
                refused.add(this);
            }
            onAck(metadata, e);
        }
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
}

package io.applog.kafka;

import io.applog.internal.InternalLog;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.LockSupport;

/**
 * Every partition of a topic read into a {@link TopicMerge}, with {@code assign}, never with a
 * consumer group: no {@code group.id}, no offsets committed to Kafka. Partitions added to the
 * topic are found within 5 s. Shared by {@code applog collect} (which starts where its
 * checkpoint says) and {@code applog cat --kafka} (from the start, up to the end offsets read
 * when it started, or following).
 */
final class TopicConsumer implements AutoCloseable {
    /** Where a partition without a saved offset is read from. */
    interface StartAt {
        /** An offset, or {@link #BEGINNING} or {@link #END}. */
        long offset(int partition);
    }

    static final long BEGINNING = -2;
    static final long END = -1;
    private static final long PARTITION_CHECK_NANOS = 5_000_000_000L;
    private static final long RETRY_NANOS = 1_000_000_000L;
    private static final Duration POLL = Duration.ofMillis(20);

    private final String topic;
    private final Consumer<byte[], byte[]> consumer;
    private final StartAt startAt;
    private final boolean upToEnds;
    /** With {@code upToEnds}: per partition, the end offset read when it was first assigned. */
    private final Map<Integer, Long> ends = new TreeMap<>();
    /** Per partition, the offset after the last message received. */
    private final Map<Integer, Long> nextOffset = new TreeMap<>();
    private long nextPartitionCheck;
    private boolean metadataProblem;
    private boolean caughtUp;

    /**
     * @param clientId  the Kafka client id ({@code applog-collect}, {@code applog-cat})
     * @param startAt   where each partition is first read from
     * @param upToEnds  read no message at or past the end offsets read when each partition was
     *                  first assigned ({@code cat} without {@code -f})
     */
    TopicConsumer(KafkaSettings kafka, String clientId, StartAt startAt, boolean upToEnds) {
        this.topic = kafka.topic();
        this.startAt = startAt;
        this.upToEnds = upToEnds;
        this.consumer = new KafkaConsumer<>(properties(kafka, clientId));
    }

    static Properties properties(KafkaSettings kafka, String clientId) {
        return kafka.client(Map.of(
                "key.deserializer", ByteArrayDeserializer.class.getName(),
                "value.deserializer", ByteArrayDeserializer.class.getName(),
                "enable.auto.commit", "false",
                "isolation.level", "read_committed",
                "auto.offset.reset", "earliest",
                "allow.auto.create.topics", "false",
                "max.poll.records", "2000",
                "client.id", clientId));
    }

    /**
     * One pass: looks for partitions (now and then), polls, and hands each message to
     * {@code merge}; parks for the poll time while no partition is known.
     *
     * @param wait  wait up to the poll time for a message if none is there; false while the
     *              caller has records ready to write (a merge that handed on a full batch):
     *              the pass then takes only what the consumer holds already
     * @return how many messages were received
     * @throws IOException with {@code failFast}, if the topic's partitions cannot be read or it
     *                     does not exist (else that is said once, and tried again)
     */
    int poll(TopicMerge merge, boolean failFast, boolean wait) throws IOException {
        long now = System.nanoTime();
        if (now - nextPartitionCheck >= 0) {
            nextPartitionCheck = now + (assignPartitions(failFast) ? PARTITION_CHECK_NANOS : RETRY_NANOS);
        }
        if (consumer.assignment().isEmpty()) {
            LockSupport.parkNanos(POLL.toNanos());
            return 0;
        }
        ConsumerRecords<byte[], byte[]> records = consumer.poll(wait ? POLL : Duration.ZERO);
        now = System.nanoTime();
        long receivedMillis = System.currentTimeMillis();
        int received = 0;
        for (ConsumerRecord<byte[], byte[]> r : records) {
            if (upToEnds && r.offset() >= ends.get(r.partition())) {
                continue;
            }
            nextOffset.put(r.partition(), r.offset() + 1);
            // a beat read while catching up is old: only live ones tell the shipper's clock
            long sent = caughtUp && r.timestampType() == TimestampType.CREATE_TIME ? r.timestamp() : -1;
            merge.receive(r.partition(), r.offset(), r.value(), now, sent, receivedMillis);
            received++;
        }
        if (!caughtUp) {
            caughtUp = lagZero();
        }
        return received;
    }

    /** Reads the topic's partitions and starts reading new ones; false if they cannot be known yet. */
    private boolean assignPartitions(boolean failFast) throws IOException {
        List<PartitionInfo> infos;
        try {
            infos = consumer.partitionsFor(topic, Duration.ofSeconds(5));
        } catch (KafkaException e) { // no answer yet (a timeout), or the broker refused
            String why = "cannot read the partitions of topic " + topic + " (" + InternalLog.describe(e) + ")";
            return metadataProblem(why, why + "; trying again", failFast);
        }
        if (infos == null || infos.isEmpty()) {
            return metadataProblem("topic " + topic + " does not exist",
                    "topic " + topic + " does not exist yet; waiting for it", failFast);
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
        if (upToEnds) {
            for (Map.Entry<TopicPartition, Long> e : consumer.endOffsets(added).entrySet()) {
                ends.put(e.getKey().partition(), e.getValue());
            }
        }
        for (TopicPartition tp : added) {
            long from = startAt.offset(tp.partition());
            if (from == END) {
                consumer.seekToEnd(List.of(tp));
            } else if (from == BEGINNING) {
                consumer.seekToBeginning(List.of(tp));
            } else {
                consumer.seek(tp, from);
            }
        }
        return true;
    }

    /** Says once (until it is solved) why the topic's partitions are not known; returns false. */
    private boolean metadataProblem(String failure, String waiting, boolean failFast) throws IOException {
        if (failFast) {
            throw new IOException(failure);
        }
        if (!metadataProblem) {
            metadataProblem = true;
            InternalLog.warn(waiting);
        }
        return false;
    }

    /** True if every partition is assigned and read to its end (as the last fetch saw it). */
    private boolean lagZero() {
        Set<TopicPartition> assigned = consumer.assignment();
        if (assigned.isEmpty()) {
            return false;
        }
        for (TopicPartition tp : assigned) {
            OptionalLong lag = consumer.currentLag(tp);
            if (lag.isEmpty() || lag.getAsLong() > 0) {
                return false;
            }
        }
        return true;
    }

    /** True once every partition was read to its end once: every host that has shipped is known. */
    boolean caughtUp() {
        return caughtUp;
    }

    /** With {@code upToEnds}: true once every partition is read up to the end offset read at its start. */
    boolean atEnds() {
        Set<TopicPartition> assigned = consumer.assignment();
        if (assigned.isEmpty()) {
            return false;
        }
        for (TopicPartition tp : assigned) {
            if (consumer.position(tp) < ends.get(tp.partition())) {
                return false;
            }
        }
        return true;
    }

    /**
     * Per assigned partition, the offset to read again after a restart: the first message not
     * yet written to its end ({@link TopicMerge#firstPending}), else the one after the last
     * message received, else the consumer's position.
     */
    Map<Integer, Long> resumeOffsets(TopicMerge merge) {
        Map<Integer, Long> out = new HashMap<>();
        for (TopicPartition tp : consumer.assignment()) {
            long pending = merge.firstPending(tp.partition());
            Long next = nextOffset.get(tp.partition());
            out.put(tp.partition(), pending >= 0 ? pending : next != null ? next : consumer.position(tp));
        }
        return out;
    }

    /**
     * Per assigned partition, the messages not yet written to their end: from the offset to
     * read again after a restart to the partition's end as the last fetch saw it (-1: not known yet).
     */
    Map<Integer, Long> lags(TopicMerge merge) {
        Map<Integer, Long> resume = resumeOffsets(merge);
        Map<Integer, Long> out = new TreeMap<>();
        for (TopicPartition tp : consumer.assignment()) {
            OptionalLong lag = consumer.currentLag(tp);
            out.put(tp.partition(), lag.isEmpty() ? -1 : consumer.position(tp) + lag.getAsLong() - resume.get(tp.partition()));
        }
        return out;
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
    }
}

package io.applog.bench.peer;

import io.applog.bench.Jvm;
import io.applog.it.KafkaBroker;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Log4j2's {@code KafkaAppender} (log4j-core 2.26.1, kafka-clients 4.4.0), the across-hosts path
 * of Log4j2: plain (synchronous) loggers, the appender with {@code syncSend="false"} (the call
 * returns once the Kafka producer has taken the record into its buffer; its I/O thread sends
 * it) and the producer's defaults otherwise, the same {@link Message#PATTERN} as the other
 * Log4j2 peer. {@link #open} starts a single-node broker of its own as a child JVM
 * ({@link KafkaBroker}, on {@link Jvm#brokerClassPath}) and a topic of one partition;
 * {@link #close} stops Log4j2, counts the records on the topic with a consumer (until none has
 * come for a while: {@code LogManager.shutdown()} returns while the producer may still be
 * sending), prints the count beside the calls made, and stops the broker.
 */
public final class Log4j2KafkaPeer implements Peer {
    /** The topic the appender writes. */
    static final String TOPIC = "bench";
    /** The count of the topic ends once no record has come for this long. */
    private static final long QUIET_SECONDS = 5;
    private static final long COUNT_SECONDS = 300;

    private final List<CountingWriter> writers = new ArrayList<>();
    private KafkaBroker broker;
    private Logger logger;

    @Override
    public String name() {
        return Peers.LOG4J2_KAFKA;
    }

    @Override
    public void open(Path dir) throws Exception {
        Peers.useSlf4jProvider(Jvm.NOP_PROVIDER);
        broker = KafkaBroker.start(Jvm.brokerClassPath());
        broker.createTopic(TOPIC, 1);
        configure(dir, broker.bootstrap(), TOPIC);
        logger = LogManager.getLogger(Message.LOGGER);
    }

    /**
     * Writes {@code log4j2.xml} (a Kafka appender to {@code topic} at {@code bootstrap}) into
     * {@code dir} and names it for Log4j2; call before anything touches {@code LogManager}.
     */
    public static void configure(Path dir, String bootstrap, String topic) throws IOException {
        Path config = dir.resolve("log4j2.xml");
        Files.writeString(config, "<Configuration status=\"warn\">\n"
                + "  <Appenders>\n"
                + "    <Kafka name=\"kafka\" topic=\"" + topic + "\" syncSend=\"false\">\n"
                + "      <PatternLayout pattern=\"" + Message.PATTERN + "\"/>\n"
                + "      <Property name=\"bootstrap.servers\">" + bootstrap + "</Property>\n"
                + "    </Kafka>\n"
                + "  </Appenders>\n"
                + "  <Loggers>\n"
                + "    <Root level=\"info\" includeLocation=\"false\"><AppenderRef ref=\"kafka\"/></Root>\n"
                + "  </Loggers>\n"
                + "</Configuration>\n");
        System.setProperty("log4j2.configurationFile", config.toString());
        // the caller stops Log4j2 itself (LogManager.shutdown()) before the topic is counted
        System.setProperty("log4j2.shutdownHookEnabled", "false");
    }

    /**
     * Records on {@code topic}, read by a consumer from the start until none has come for
     * {@link #QUIET_SECONDS} (at most {@link #COUNT_SECONDS} in all): the producer of Log4j2's
     * appender may still be sending after {@code LogManager.shutdown()} has returned.
     */
    public static long records(String bootstrap, String topic) {
        Map<String, Object> config = Map.of("bootstrap.servers", bootstrap,
                "key.deserializer", ByteArrayDeserializer.class.getName(),
                "value.deserializer", ByteArrayDeserializer.class.getName());
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo p : consumer.partitionsFor(topic, Duration.ofSeconds(60))) {
                partitions.add(new TopicPartition(topic, p.partition()));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(COUNT_SECONDS);
            long quietSince = System.nanoTime();
            long n = 0;
            while (System.nanoTime() - quietSince < TimeUnit.SECONDS.toNanos(QUIET_SECONDS)
                    && System.nanoTime() < deadline) {
                int got = consumer.poll(Duration.ofMillis(200)).count();
                if (got > 0) {
                    n += got;
                    quietSince = System.nanoTime();
                }
            }
            return n;
        }
    }

    @Override
    public synchronized Writer writer() {
        CountingWriter w = new CountingWriter(logger);
        writers.add(w);
        return w;
    }

    @Override
    public Path logfile() {
        return null;
    }

    @Override
    public void close() throws Exception {
        if (broker == null) {
            return;
        }
        try {
            LogManager.shutdown();
            long calls = 0;
            synchronized (this) {
                for (CountingWriter w : writers) {
                    calls += w.calls;
                }
            }
            long on = records(broker.bootstrap(), TOPIC);
            System.out.printf("%s: %,d calls, %,d records on the topic (%,d lost)%n", name(), calls, on, calls - on);
        } finally {
            broker.close();
        }
    }

    /** A writer that counts its calls (read by {@link #close} once the benchmark threads are done). */
    private static final class CountingWriter implements Writer {
        private final Logger logger;
        long calls;

        CountingWriter(Logger logger) {
            this.logger = logger;
        }

        @Override
        public void log(int number, String name) {
            logger.info(Message.TEMPLATE, number, name);
            calls++;
        }
    }
}

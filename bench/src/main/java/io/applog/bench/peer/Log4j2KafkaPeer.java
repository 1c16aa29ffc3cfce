package io.applog.bench.peer;

import io.applog.bench.Jvm;
import io.applog.it.KafkaBroker;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Log4j2's {@code KafkaAppender} (log4j-core 2.26.1, kafka-clients 4.4.0), the across-hosts path
 * of Log4j2: plain (synchronous) loggers, the appender with {@code syncSend="false"} (the call
 * returns once the Kafka producer has taken the record into its buffer; its I/O thread sends
 * it) and the producer's defaults otherwise, the same {@link Message#PATTERN} as the other
 * Log4j2 peer. {@link #open} starts a single-node broker of its own as a child JVM
 * ({@link KafkaBroker}, from this JVM's class path) and a topic of one partition;
 * {@link #close} stops Log4j2 (which flushes the producer), counts the records on the topic with
 * an admin client, prints the count beside the calls made, and stops the broker.
 */
public final class Log4j2KafkaPeer implements Peer {
    /** The topic the appender writes. */
    static final String TOPIC = "bench";

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
        broker = KafkaBroker.start(System.getProperty("java.class.path"));
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

    /** Records on {@code topic} (every partition's end offset less its start; no transactions there). */
    public static long records(String bootstrap, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            TopicDescription d = admin.describeTopics(List.of(topic)).allTopicNames().get(60, TimeUnit.SECONDS).get(topic);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
            for (TopicPartitionInfo p : d.partitions()) {
                latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest());
                earliest.put(new TopicPartition(topic, p.partition()), OffsetSpec.earliest());
            }
            long n = 0;
            for (ListOffsetsResult.ListOffsetsResultInfo i : admin.listOffsets(latest).all().get(60, TimeUnit.SECONDS).values()) {
                n += i.offset();
            }
            for (ListOffsetsResult.ListOffsetsResultInfo i : admin.listOffsets(earliest).all().get(60, TimeUnit.SECONDS).values()) {
                n -= i.offset();
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

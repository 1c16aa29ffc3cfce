package io.applog.it;

import io.applog.kafka.cli.KafkaMain;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Messages of other producers on the topic (not applog's, another layout version, cut short),
 * produced with a plain KafkaProducer among the records a shipper sends: each kind reported
 * once, all counted, every real record written once.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ForeignMessagesTest extends SharedBrokerTest {

    @Test
    void shouldSkipAndCountEveryForeignMessageAndWriteEveryRecordOnce() throws Exception {
        String topic = "garbage";
        broker.createTopic(topic, 3);
        Path queue = tmp.resolve("q");
        runs.writeAlphaAndBeta(queue);
        List<String> expected = runs.catQueue(queue);
        assertEquals(500, expected.size());

        produceGarbage(topic, "before");
        runs.shipAll(queue, topic, 90);
        produceGarbage(topic, "after");

        Path logfile = tmp.resolve("all.log");
        Process collector = children.start("collector", KafkaMain.class, List.of(), "collect", "--kafka",
                broker.bootstrap(), "--topic", topic, "--logfile", logfile.toString(), "--from-beginning",
                "--timeout-sec", "3");
        assertEquals(0, children.exit(collector, "collector", 90), children.stderr("collector"));
        assertEquals(expected, Files.readAllLines(logfile));
        List<String> notes = children.stderr("collector").lines()
                .filter(l -> !l.matches("applog: (cannot read the partitions of topic .*|topic \\S+ found: .*)")).toList();
        assertEquals(4, notes.size(), String.join("\n", notes));
        String others = " are counted, not reported";
        assertEquals(List.of(
                "applog: skipping a message not applog's at partition P offset O (not an applog message (no magic)); others not applog's" + others,
                "applog: skipping a message of another layout version at partition P offset O (message version 9 (this reader knows 1)); others of another layout version" + others,
                "applog: skipping a message damaged or truncated at partition P offset O (message ends at byte 9, 9 more wanted at 8); others damaged or truncated" + others)
                        .stream().sorted().toList(),
                notes.subList(0, 3).stream().map(l -> l.replaceAll("partition \\d+ offset \\d+", "partition P offset O")).sorted().toList());
        assertEquals("applog: messages of topic garbage skipped: 18 (not applog's 12, of another layout version 2, damaged or truncated 4)",
                notes.get(3));
    }

    /** Into each of the 3 partitions: 2 foreign messages (one shorter than the magic), then one of version 9 (partition 0) or one cut short. */
    private void produceGarbage(String topic, String when) throws Exception {
        Map<String, Object> config = Map.of("bootstrap.servers", broker.bootstrap(),
                "key.serializer", ByteArraySerializer.class.getName(), "value.serializer", ByteArraySerializer.class.getName());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config)) {
            for (int partition = 0; partition < 3; partition++) {
                producer.send(new ProducerRecord<>(topic, partition, null, ("{\"foreign\":\"" + when + "\"}")
                        .getBytes(StandardCharsets.UTF_8))).get(30, TimeUnit.SECONDS);
                producer.send(new ProducerRecord<>(topic, partition, null, new byte[]{'a'})).get(30, TimeUnit.SECONDS);
                byte[] odd = partition == 0
                        ? new byte[]{'a', 'L', 9, 'R', 0, 0, 0, 0}          // another version
                        : new byte[]{'a', 'L', 1, 'R', 0, 0, 0, 9, 'h'};   // the host string cut short
                producer.send(new ProducerRecord<>(topic, partition, null, odd)).get(30, TimeUnit.SECONDS);
            }
        }
    }
}

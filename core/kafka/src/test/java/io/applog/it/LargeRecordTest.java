package io.applog.it;

import io.applog.cli.Main;
import io.applog.kafka.cli.KafkaMain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A topic whose {@code max.message.bytes} (20,000) is smaller than applog's messages and than
 * one record: the shipper makes its messages smaller until they fit, ships a record of 15,000
 * characters, and skips a record of 60,000 with one line, counted as lost in {@code stats};
 * nothing behind it waits.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class LargeRecordTest extends SharedBrokerTest {

    @Test
    void shouldShipEveryRecordThatFitsAndSkipOneThatCannot() throws Exception {
        String topic = "small-messages";
        broker.createTopic(topic, 3, Map.of("max.message.bytes", "20000"));
        Path queue = tmp.resolve("q");
        children.start("a", WriterMain.class, List.of(), queue.toString(), "alpha", "300");
        children.awaitSuccess(60, "a");
        log(queue, "big", "x".repeat(60_000));
        log(queue, "fits", "y".repeat(15_000));
        children.start("b", WriterMain.class, List.of(), queue.toString(), "beta", "100");
        children.awaitSuccess(60, "b");
        List<String> all = runs.catQueue(queue);
        assertEquals(402, all.size());
        List<String> expected = all.stream().filter(l -> !l.contains(" big[")).toList();

        runs.shipAll(queue, topic, 120);
        List<String> notes = children.stderr("ship").lines().toList();
        assertEquals(1, notes.size(), String.join("\n", notes));
        assertTrue(notes.get(0).matches("applog ship: record \\d+ of w-\\d+-\\d+ \\(process big\\) is \\d+ bytes, more than"
                + " topic small-messages accepts \\(max\\.message\\.bytes\\); skipped, counted as lost"), notes.get(0));

        Process topicCat = children.start("topic-cat", KafkaMain.class, List.of(), "cat", "--kafka", broker.bootstrap(),
                "--topic", topic);
        assertEquals(0, children.exit(topicCat, "topic-cat", 60), children.stderr("topic-cat"));
        assertEquals(expected, children.stdout("topic-cat"));

        Process stats = children.start("stats", Main.class, List.of(), "stats", "--queue", queue.toString());
        assertEquals(0, children.exit(stats, "stats", 60), children.stderr("stats"));
        List<String> table = children.stdout("stats");
        assertEquals(List.of("lag: none (everything acknowledged by the broker)",
                "lost: 1 records the output refused for good (skipped)"), table.subList(table.size() - 3, table.size() - 1),
                String.join("\n", table));
    }

    private void log(Path queue, String process, String message) throws Exception {
        Process p = children.start(process, Main.class, List.of(), "log", "--queue", queue.toString(), "--process",
                process, message);
        assertEquals(0, children.exit(p, process, 60), children.stderr(process));
    }
}

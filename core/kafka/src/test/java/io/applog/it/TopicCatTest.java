package io.applog.it;

import io.applog.cli.Main;
import io.applog.kafka.cli.KafkaMain;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code applog cat --kafka} over a topic {@code applog ship} wrote, through a real broker: the
 * same lines as {@code applog cat --queue} printed of the queue before it was shipped, the same
 * filters, and nothing consumed (no consumer group).
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class TopicCatTest extends SharedBrokerTest {
    private int cats;

    @Test
    void shouldPrintTheTopicAsCatPrintsTheQueueWithoutConsumingIt() throws Exception {
        String topic = "cat-all";
        broker.createTopic(topic, 3);
        Path queue = tmp.resolve("q");
        runs.writeAlphaAndBeta(queue);
        List<String> expected = run(Main.class, "cat", "--queue", queue.toString());
        assertEquals(500, expected.size());
        runs.shipAll(queue, topic, 90);

        assertEquals(expected, catKafka(topic));
        assertEquals(expected, catKafka(topic), "a second cat sees the same: nothing was consumed");
        assertEquals(expected.stream().filter(l -> l.contains(" beta[")).toList(), catKafka(topic, "--process", "beta"));
        assertEquals(List.of("alpha 7", "beta 7"), catKafka(topic, "--grep", "seq=7$").stream()
                .map(l -> l.replaceAll(".* w=(\\w+) seq=(\\d+)$", "$1 $2")).sorted().toList());
        assertEquals(0, catKafka(topic, "--level", "WARN").size());
        List<String> json = catKafka(topic, "--format", "json", "--process", "alpha", "--grep", "seq=300\"");
        assertEquals(1, json.size());
        assertTrue(json.get(0).matches("\\{\"time\":\"[^\"]+Z\",\"level\":\"INFO\",\"process\":\"alpha\",\"pid\":"
                + children.process("a").pid() + ",\"thread\":\"main\",\"logger\":\"it.Writer\","
                + "\"message\":\"w=alpha seq=300\"}"), json.get(0));
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrap()))) {
            assertEquals(List.of(), List.copyOf(admin.listConsumerGroups().all().get(30, TimeUnit.SECONDS)),
                    "no consumer group");
        }
    }

    @Test
    void shouldFollowTheTopicUntilInterrupted() throws Exception {
        String topic = "cat-follow";
        broker.createTopic(topic, 3);
        Path queue = tmp.resolve("q");
        Process follower = children.start("follow", KafkaMain.class, List.of(), "cat", "--kafka", broker.bootstrap(),
                "--topic", topic, "-f", "--process", "gamma");
        Process writer = children.start("c", WriterMain.class, List.of(), queue.toString(), "gamma", "5");
        assertEquals(0, children.exit(writer, "c", 60), children.stderr("c"));
        runs.shipAll(queue, topic, 90);
        children.awaitLines("follow", 5, 30);
        List<String> lines = children.stdout("follow");
        assertEquals(List.of("1", "2", "3", "4", "5"), lines.stream().map(l -> l.replaceAll(".* seq=", "")).toList());
        assertTrue(follower.isAlive(), "cat -f exited; stderr: " + children.stderr("follow"));
        io.applog.testing.Children.signal(follower, "INT");
        assertEquals(130, children.exit(follower, "follow", 30), children.stderr("follow"));
        assertEquals("", children.stderr("follow"));
    }

    @Test
    void shouldRefuseATopicThatDoesNotExist() throws Exception {
        String name = "cat-missing";
        Process p = children.start(name, KafkaMain.class, List.of(), "cat", "--kafka", broker.bootstrap(),
                "--topic", "no-such-topic");
        assertEquals(1, children.exit(p, name, 60));
        assertEquals("applog cat: topic no-such-topic does not exist\n", children.stderr(name));
    }

    private List<String> catKafka(String topic, String... filters) throws Exception {
        List<String> args = new ArrayList<>(List.of("cat", "--kafka", broker.bootstrap(), "--topic", topic));
        args.addAll(List.of(filters));
        return run(KafkaMain.class, args.toArray(new String[0]));
    }

    private List<String> run(Class<?> main, String... args) throws Exception {
        String name = "cat-" + ++cats;
        Process p = children.start(name, main, List.of(), args);
        assertEquals(0, children.exit(p, name, 60), children.stderr(name));
        assertEquals("", children.stderr(name));
        return children.stdout(name);
    }
}

package io.applog.it;

import io.applog.kafka.cli.KafkaMain;
import io.applog.testing.Children;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code applog ship --logfile}: the host's own file stays current while the broker is away,
 * both the file and the topic get every record exactly once across a kill -9 of the shipper, and
 * a writer queue is deleted only once both have written it (a broker of its own: this test
 * stops it).
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class ShipWithLogfileTest extends OwnBrokerTest {

    @Test
    void shouldWriteTheLogfileWhileTheBrokerIsDownAndKeepTheQueuesUntilTheTopicHasThem() throws Exception {
        String topic = "both";
        broker.createTopic(topic, 3);
        Path queue = tmp.resolve("q");
        Path hostLog = tmp.resolve("host.log");
        Path collected = tmp.resolve("all.log");
        broker.stop();

        List<Process> writers = runs.startWriters(queue, "w", 2, 100, 20);
        String[] withFile = {"--timeout-sec", "0", "--logfile", hostLog.toString()};
        Process first = runs.ship("ship-1", queue, topic, "host-w", withFile);
        KafkaRuns.awaitLines(hostLog, 5_000, first, "");
        Children.signal(first, "KILL");
        assertEquals(137, children.exit(first, "ship-1", 30), children.stderr("ship-1"));
        Process second = runs.ship("ship-2", queue, topic, "host-w", withFile);
        runs.awaitWriters(writers, "w", "");
        KafkaRuns.awaitLines(hostLog, 2L * KafkaRuns.PER_WRITER, second, "");
        KafkaRuns.assertExactlyOnce(hostLog, "w", 2, false, "host.log, broker down: ");
        List<Path> kept = writerQueues(queue);
        assertEquals(2, kept.size(), "the writer queues wait for the broker: " + kept);
        for (Path w : kept) {
            assertTrue(cycleFiles(w) > 0, "cycle files of " + w + " kept");
        }

        broker.restart();
        Process collector = runs.collect("collector", topic, collected);
        KafkaRuns.awaitLines(collected, 2L * KafkaRuns.PER_WRITER, collector, "");
        Children.await(60, () -> "writer queues left: " + writerQueues(queue), () -> writerQueues(queue).isEmpty());
        runs.stop(second, "ship-2", "");
        runs.stop(collector, "collector", "");
        KafkaRuns.assertExactlyOnce(collected, "w", 2, false, "all.log: ");
        KafkaRuns.assertExactlyOnce(hostLog, "w", 2, false, "host.log, at the end: ");
        assertEquals(List.of("drainer-file.checkpoint", "drainer.checkpoint", "drainer.lock"), names(queue));
    }

    @Test
    void shouldRefuseABadLogfileOptionInOneLine() throws Exception {
        Process ship = children.start("ship", KafkaMain.class, List.of(), "ship", "--queue", tmp.resolve("q").toString(),
                "--kafka", "localhost:1", "--topic", "t", "--logfile", tmp.resolve("host.log").toString(),
                "--rotate", "weekly");
        assertEquals(2, children.exit(ship, "ship", 30));
        assertEquals("Invalid value for option '--rotate': weekly (expected daily or hourly)",
                children.stderr("ship").lines().findFirst().orElse(""));
        assertTrue(Files.notExists(tmp.resolve("q")), "nothing made: " + tmp.resolve("q"));
    }

    /** The writer queue directories in {@code queue}. */
    private static List<Path> writerQueues(Path queue) throws IOException {
        List<Path> dirs = new ArrayList<>();
        try (DirectoryStream<Path> all = Files.newDirectoryStream(queue, Files::isDirectory)) {
            all.forEach(dirs::add);
        }
        return dirs;
    }

    private static long cycleFiles(Path writer) throws IOException {
        try (var files = Files.list(writer)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".cq4")).count();
        }
    }

    private static List<String> names(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }
}

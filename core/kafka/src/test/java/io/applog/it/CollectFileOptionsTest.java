package io.applog.it;

import io.applog.cli.Main;
import io.applog.kafka.cli.KafkaMain;
import io.applog.testing.Children;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code applog collect} takes drain's file options: rotation, pattern, and their errors. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class CollectFileOptionsTest extends SharedBrokerTest {
    private static final String PATTERN = "%d{ISO8601} %-5level [%thread] %logger{12} %process[%pid] - %msg%n";

    @Test
    void shouldRotateTheCollectedFileAndLayItOutByThePattern() throws Exception {
        String topic = "options";
        broker.createTopic(topic, 2);
        Path queue = tmp.resolve("q");
        runs.writeAlphaAndBeta(queue);
        List<String> expected = runs.catQueue(queue);
        assertEquals(500, expected.size());
        Process cat = children.start("catp", Main.class, List.of(), "cat", "--queue", queue.toString(),
                "--pattern", PATTERN);
        assertEquals(0, children.exit(cat, "catp", 60), children.stderr("catp"));
        List<String> byPattern = children.stdout("catp");
        assertEquals(500, byPattern.size());
        runs.shipAll(queue, topic, 90); // deletes the queue files it shipped

        Path rotated = tmp.resolve("all.log");
        Process collector = runs.collect("collect", topic, rotated, "--max-size", "4KB", "--keep", "100",
                "--timeout-sec", "3");
        assertEquals(0, children.exit(collector, "collect", 90), children.stderr("collect"));
        List<String> all = new ArrayList<>();
        int files = 0;
        for (int n = 100; n >= 1; n--) {
            Path old = tmp.resolve("all.log." + n);
            if (Files.exists(old)) {
                List<String> lines = Files.readAllLines(old);
                long size = Files.size(old);
                long withoutLast = size - lines.get(lines.size() - 1).length() - 1;
                assertTrue(size >= 4096 && withoutLast < 4096, old + ": " + size + " bytes, "
                        + withoutLast + " before its last line (rotated once it reached 4 KB)");
                all.addAll(lines);
                files++;
            }
        }
        all.addAll(Files.readAllLines(rotated));
        assertEquals(expected, all, "the rotated files, oldest first, then the logfile");
        assertTrue(files >= 5, files + " rotated files of about 45 KB at 4 KB each");

        Path patterned = tmp.resolve("pattern.log");
        Process second = runs.collect("collectp", topic, patterned, "--pattern", PATTERN, "--timeout-sec", "3");
        assertEquals(0, children.exit(second, "collectp", 90), children.stderr("collectp"));
        assertEquals(byPattern, Files.readAllLines(patterned));
    }

    @Test
    void shouldRefuseABadFileOptionInOneLine() throws Exception {
        Process collector = children.start("collect", KafkaMain.class, List.of(), "collect", "--kafka", "localhost:1",
                "--topic", "t", "--logfile", tmp.resolve("all.log").toString(), "--max-size", "10XB");
        assertEquals(2, children.exit(collector, "collect", 30));
        assertEquals("Invalid value for option '--max-size': " + sizeError("10XB"),
                children.stderr("collect").lines().findFirst().orElse(""));
        assertTrue(Files.notExists(tmp.resolve("all.log.collector")), "nothing made");

        Process pattern = children.start("pattern", KafkaMain.class, List.of(), "collect", "--kafka", "localhost:1",
                "--topic", "t", "--logfile", tmp.resolve("all.log").toString(), "--pattern", "%d %nosuch");
        assertEquals(2, children.exit(pattern, "pattern", 30));
        assertEquals("--pattern: unknown conversion word %nosuch at position 3",
                children.stderr("pattern").lines().findFirst().orElse(""));
    }

    private static String sizeError(String size) {
        try {
            io.applog.drain.Rotation.parseSize(size);
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        throw new AssertionError(size + " parsed");
    }

    /**
     * logrotate's create mode: the file renamed, then SIGHUP (without a handler the JVM would end,
     * exit 129). The sink opens the name again at its next checkpoint, as drain's does: the batch
     * before it still goes to the renamed file, nothing after it; every record once.
     */
    @Test
    void shouldTakeSigHupAndOpenTheLogfileAgainByName() throws Exception {
        String topic = "hangup";
        broker.createTopic(topic, 1);
        Path first = tmp.resolve("q1");
        runs.writeAlphaAndBeta(first);
        List<String> expected = new ArrayList<>(runs.catQueue(first));
        runs.shipAll(first, topic, 90);
        Path logfile = tmp.resolve("all.log");
        Process collector = runs.collect("collect", topic, logfile, "--timeout-sec", "0");
        KafkaRuns.awaitLines(logfile, 500, collector, "");

        Path renamed = tmp.resolve("all.log.1");
        Files.move(logfile, renamed);
        Children.signal(collector, "HUP");
        Path second = tmp.resolve("q2");
        Process log = children.start("log", Main.class, List.of(), "log", "--queue", second.toString(),
                "--process", "gamma", "after the rotation");
        assertEquals(0, children.exit(log, "log", 60), children.stderr("log"));
        Process ship = runs.ship("ship2", second, topic, "h");
        assertEquals(0, children.exit(ship, "ship2", 90), children.stderr("ship2"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(logfile)) {
            assertTrue(System.nanoTime() < deadline, "no new " + logfile + " within 60 s");
            Thread.sleep(50);
        }

        assertTrue(collector.isAlive(), "the collector took SIGHUP: " + children.stderr("collect"));
        runs.stop(collector, "collect", "");
        List<String> all = new ArrayList<>(Files.readAllLines(renamed));
        all.addAll(Files.readAllLines(logfile));
        assertEquals(501, all.size(), all.subList(Math.max(0, all.size() - 3), all.size()).toString());
        assertEquals(expected, all.subList(0, 500));
        assertTrue(all.get(500).matches(".* gamma\\[\\d+\\] \\[main\\] shell - after the rotation"), all.get(500));
    }
}

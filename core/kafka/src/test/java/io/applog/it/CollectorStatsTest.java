package io.applog.it;

import io.applog.cli.Main;
import io.applog.kafka.cli.KafkaMain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@code applog stats --collector LOGFILE} (the drainer's jar: no Kafka class) of a collector of
 * two hosts whose shippers keep beating: each host's clock offset from 50 live beats (one
 * machine, one clock: 0 to 1 s of transit), every partition's lag 0, the counts.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class CollectorStatsTest extends SharedBrokerTest {

    @Test
    void shouldShowEachHostsClockOffsetAndEachPartitionsLag() throws Exception {
        String topic = "collector-stats";
        broker.createTopic(topic, 3);
        for (String host : List.of("a", "b")) {
            Path queue = tmp.resolve("q-" + host);
            children.start("w-" + host, WriterMain.class, List.of(), queue.toString(), "p" + host, "100");
            children.awaitSuccess(60, "w-" + host);
            // the shipper outlives its writer by 60 s: it beats every 100 ms meanwhile
            children.start("ship-" + host, KafkaMain.class, List.of(), "ship", "--queue", queue.toString(),
                    "--kafka", broker.bootstrap(), "--topic", topic, "--host", "host-" + host, "--timeout-sec", "60");
        }
        Path logfile = tmp.resolve("all.log");
        Process collector = children.start("collector", KafkaMain.class, List.of(), "collect", "--kafka",
                broker.bootstrap(), "--topic", topic, "--logfile", logfile.toString(), "--from-beginning");

        List<String> expected = List.of(
                "collector: running, pid " + collector.pid(),
                "topic collector-stats, as of \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3}",
                "records: written 200, duplicates dropped 0",
                "messages skipped: 0 \\(not applog's 0, of another layout version 0, damaged or truncated 0\\)",
                "HOST                             CLOCK OFFSET  BEATS",
                "host-a +\\+0\\.\\d{3} s +50",
                "host-b +\\+0\\.\\d{3} s +50",
                "PARTITION      LAG",
                "0                0",
                "1                0",
                "2                0");
        Path stats = logfile.resolveSibling("all.log.collector").resolve("collector.stats");
        io.applog.testing.Children.await(60, () -> "the collector's first stats", () -> java.nio.file.Files.exists(stats));
        List<String> lines = List.of();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        for (int round = 0; System.nanoTime() < deadline; round++) {
            String name = "stats-" + round;
            Process p = children.start(name, Main.class, List.of(), "stats", "--collector", logfile.toString());
            assertEquals(0, children.exit(p, name, 30), children.stderr(name));
            lines = children.stdout(name);
            if (matches(expected, lines)) {
                return;
            }
            Thread.sleep(1_000);
        }
        fail("applog stats --collector never showed\n" + String.join("\n", expected) + "\nlast:\n" + String.join("\n", lines));
    }

    /** True if {@code lines} match {@code patterns}, the host lines in either order. */
    private static boolean matches(List<String> patterns, List<String> lines) {
        if (lines.size() != patterns.size()) {
            return false;
        }
        List<String> sorted = new java.util.ArrayList<>(lines);
        sorted.subList(5, 7).sort(null);
        for (int i = 0; i < patterns.size(); i++) {
            if (!sorted.get(i).matches(patterns.get(i))) {
                return false;
            }
        }
        return true;
    }
}

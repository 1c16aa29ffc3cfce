package io.applog.bench.report;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The Kafka part's tables and targets, from fixed results. */
class KafkaReportTest {
    private static final HarnessResults.Delay DELAY =
            new HarnessResults.Delay(10_000, 39_999, 1_870.0, 310.2, 380.0, 412.5, 430.0, 455.1);

    private static HarnessResults harness(List<HarnessResults.Kafka> kafka, List<HarnessResults.BrokerDown> down) {
        return new HarnessResults(null, "full", List.of(), List.of(), List.of(), kafka, down);
    }

    @Test
    void shouldRenderTheShipAndCollectRates() {
        assertEquals("""
                | records | applog ship, queue to acknowledged by the broker | applog collect, topic to file |
                |---:|---:|---:|
                | 1,000,000 | 612 k/s | 1.32 M/s |
                """, MarkdownReport.kafkaTable(List.of(new HarnessResults.Kafka(1_000_000, 612_345, 1_321_000, DELAY))));
    }

    @Test
    void shouldRenderAppendToLineThroughKafkaUnderItsOwnHeading() {
        assertEquals("""
                | append in one JVM to line in the collected file (ship, topic, collect), at | lines | p50 | p90 | p99 | p99.9 | max | a new writer's first record |
                |---|---:|---:|---:|---:|---:|---:|---:|
                | 10,000 msg/s | 39,999 | 310.2 ms | 380.0 ms | 412.5 ms | 430.0 ms | 455.1 ms | 1.9 s |
                """, MarkdownReport.delayTable(List.of(DELAY), MarkdownReport.KAFKA_DELAY));
    }

    @Test
    void shouldRenderTheBrokerDownRowsWithWhatWasLost() {
        String table = MarkdownReport.brokerDownTable(List.of(
                new HarnessResults.BrokerDown("log4j2-kafka", 3, 60_012.5, 60_001.0, 60_003.25, 0),
                new HarnessResults.BrokerDown("applog", 10_000, 2.5, 0.0012, 0.0456, 10_000),
                new HarnessResults.BrokerDown("log4j2-kafka", 1, 60_000.0, Double.NaN, Double.NaN, 0)));

        assertEquals("""
                | logger | calls, broker stopped | first call | next calls, p50 | next calls, max | delivered once back | lost |
                |---|---:|---:|---:|---:|---:|---:|
                | log4j2-kafka | 3 | 60.0 s | 60.0 s | 60.0 s | 0 | 3 |
                | applog | 10,000 | 2.5 ms | 1200 ns | 45.6 µs | 10,000 | 0 |
                | log4j2-kafka | 1 | 60.0 s | - | - | 0 | 1 |
                """, table);
    }

    @Test
    void shouldJudgeTheKafkaTargetsBeforeTheColdStartOnes() {
        List<Targets.Target> targets = Targets.evaluate(List.of(),
                harness(List.of(new HarnessResults.Kafka(1_000_000, 612_345, 980_000, DELAY)), List.of()));

        assertEquals(List.of(
                new Targets.Target("applog ship, records acknowledged by Kafka", ">= 500 k/s", "612 k/s", "met"),
                new Targets.Target("applog collect, lines from Kafka into the file", ">= 1 M/s", "980 k/s", "missed"),
                new Targets.Target("append to line through Kafka (ship, topic, collect), p99 at 10,000 msg/s", "<= 50 ms",
                        "412.5 ms (p50 310.2 ms)", "missed")),
                targets.subList(targets.size() - 5, targets.size() - 2));
    }

    @Test
    void shouldSayNotRunWithoutAKafkaRunOrWithoutItsDelay() {
        List<Targets.Target> none = Targets.evaluate(List.of(), null);
        List<Targets.Target> noDelay = Targets.evaluate(List.of(),
                harness(List.of(new HarnessResults.Kafka(100_000, 510_000, 1_100_000, null)), List.of()));

        assertEquals(List.of("not run", "not run", "not run"), none.subList(none.size() - 5, none.size() - 2).stream()
                .map(Targets.Target::verdict).toList());
        assertEquals(List.of("met", "met", "not run"), noDelay.subList(noDelay.size() - 5, noDelay.size() - 2).stream()
                .map(Targets.Target::verdict).toList());
        assertEquals(new Targets.Target("append to line through Kafka (ship, topic, collect), p99", "<= 50 ms", "-",
                "not run"), noDelay.get(noDelay.size() - 3));
    }
}

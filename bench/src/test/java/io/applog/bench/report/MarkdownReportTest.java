package io.applog.bench.report;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MarkdownReportTest {
    /** Two sample-mode entries as JMH writes them (trimmed to the fields the report reads), out of order. */
    private static final String JMH_JSON = """
            [
              {
                "benchmark": "io.applog.bench.jmh.LatencyBench.twoThreads",
                "mode": "sample",
                "threads": 2,
                "params": {"logger": "applog"},
                "primaryMetric": {
                  "score": 812.5,
                  "scoreUnit": "ns/op",
                  "scorePercentiles": {"0.0": 90.0, "50.0": 301.0, "90.0": 420.0, "99.0": 1210.0,
                    "99.9": 15321.0, "99.99": 2514432.0, "99.999": 9000000.0, "100.0": 123456789.0}
                },
                "secondaryMetrics": {"gc.alloc.rate.norm": {"score": 0.004, "scoreUnit": "B/op"}}
              },
              {
                "benchmark": "io.applog.bench.jmh.LatencyBench.oneThread",
                "mode": "sample",
                "threads": 1,
                "params": {"logger": "log4j2-async"},
                "primaryMetric": {
                  "score": 1500.0,
                  "scoreUnit": "ns/op",
                  "scorePercentiles": {"50.0": 540.4, "99.0": 9999.0, "99.9": 10000.0, "99.99": 25000000.0,
                    "100.0": 12000000000.0}
                },
                "secondaryMetrics": {"gc.alloc.rate.norm": {"score": 24.6, "scoreUnit": "B/op"}}
              },
              {
                "benchmark": "io.applog.bench.jmh.LatencyBench.oneThread",
                "mode": "sample",
                "threads": 1,
                "params": {"logger": "applog"},
                "primaryMetric": {
                  "score": 600.0,
                  "scoreUnit": "us/op",
                  "scorePercentiles": {"50.0": 0.25, "99.0": 0.5, "99.9": 4.5, "99.99": 40.0, "100.0": 900.0}
                },
                "secondaryMetrics": {}
              },
              {
                "benchmark": "io.applog.bench.jmh.EndToEndBench.oneThread",
                "mode": "thrpt",
                "threads": 1,
                "params": {"logger": "applog", "batch": "50000"},
                "primaryMetric": {"score": 1234567.0, "scoreUnit": "ops/s"}
              }
            ]
            """;

    @Test
    void shouldRenderTheLatencyTableInPeerOrderThenThreadsWithUnitsAndAllocation() throws Exception {
        List<JmhRow> rows = JmhRow.parse(JMH_JSON);

        String table = MarkdownReport.latencyTable(rows);

        assertEquals("""
                | logger | threads | p50 | p99 | p99.9 | p99.99 | max | alloc/op |
                |---|---:|---:|---:|---:|---:|---:|---:|
                | applog | 1 | 250 ns | 500 ns | 4500 ns | 40.0 µs | 900.0 µs | - |
                | applog | 2 | 301 ns | 1210 ns | 15.3 µs | 2.5 ms | 123.5 ms | 0 B |
                | log4j2-async | 1 | 540 ns | 9999 ns | 10.0 µs | 25.0 ms | 12.0 s | 25 B |
                """, table);
    }

    @Test
    void shouldRenderEndToEndRatesWithMissingThreadCountsAsDash() throws Exception {
        List<JmhRow> rows = JmhRow.parse(JMH_JSON);

        assertEquals("""
                | logger | 1 thread | 2 threads |
                |---|---:|---:|
                | applog | 1.23 M/s | - |
                """, MarkdownReport.endToEndTable(rows));
    }

    @Test
    void shouldJudgeTargetsFromTheSameRunAndMarkAbsentOnesNotRun() throws Exception {
        List<JmhRow> rows = JmhRow.parse(JMH_JSON);

        List<Targets.Target> targets = Targets.evaluate(rows, null);

        assertEquals(new Targets.Target("Log4j2 all-async / applog, p50 (1 thread, drainer running)", ">= 1x",
                "2.16x (540 ns / 250 ns)", "met"), targets.get(0));
        assertEquals(new Targets.Target("Log4j2 all-async / applog, p99.9 (1 thread, drainer running)", ">= 2x",
                "2.22x (10.0 µs / 4500 ns)", "met"), targets.get(1));
        assertEquals(List.of("not run", "not run", "not run"), List.of(targets.get(2).verdict(),
                targets.get(3).verdict(), targets.get(4).verdict()), "no Log4j2 row with 2 threads; no allocation figure");
    }

    @Test
    void shouldJudgeCpuPerRecordOfEveryProcessAndTheRateIntoTheFile() {
        HarnessResults harness = new HarnessResults(null, "full", List.of(
                new HarnessResults.MultiProcess("applog", 2, 1000, 2e6, 1.2e6, 300, 900, 5000, 90000, 2000, 2000,
                        280, 170, 40),
                new HarnessResults.MultiProcess("logback-prudent", 2, 1000, 9e4, 8e4, 9000, 20000, 50000, 900000,
                        2000, 2000, 13_950, 0, 20)), List.of(), List.of());

        List<Targets.Target> targets = Targets.evaluate(List.of(), harness);

        assertEquals(List.of(
                new Targets.Target("applog CPU per record, writers + drainer (2 processes)", "<= 500 ns",
                        "450 ns (280 ns + 170 ns)", "met"),
                new Targets.Target("Logback prudent / applog, CPU per record (2 processes)", ">= 30x",
                        "31.00x (14.0 µs / 450 ns)", "met"),
                new Targets.Target("applog / Logback prudent, 2 processes into one file", ">= 50x",
                        "15.00x (1.20 M/s / 80 k/s)", "missed")),
                targets.subList(6, 9));
    }

    @Test
    void shouldShowCpuPerRecordSplitIntoWritersAndDrainerAndTheJitsPart() {
        String table = MarkdownReport.multiProcessTable(List.of(
                new HarnessResults.MultiProcess("applog", 2, 1000, 2e6, 1.2e6, 300, 900, 5000, 90000, 2000, 2000,
                        280, 170, 40),
                new HarnessResults.MultiProcess("logback-prudent", 2, 1000, 9e4, 8e4, 9000, 20000, 50000, 900000,
                        2000, 1990, 13_950, 0, 0)));

        assertEquals("""
                | logger | processes | messages each | append, all processes | into the file | CPU per record (writers + drainer) | of it, JIT | p50 call | worst p99 | worst p99.9 | worst call | lines in file |
                |---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|
                | applog | 2 | 1,000 | 2.00 M/s | 1.20 M/s | 450 ns (280 ns + 170 ns) | 40 ns | 300 ns | 900 ns | 5000 ns | 90.0 µs | 2,000 |
                | logback-prudent | 2 | 1,000 | 90 k/s | 80 k/s | 14.0 µs | - | 9000 ns | 20.0 µs | 50.0 µs | 900.0 µs | 2,000 (expected 1,990) |
                """, table);
    }
}

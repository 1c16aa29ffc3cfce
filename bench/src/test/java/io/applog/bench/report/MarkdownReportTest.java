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

        assertEquals(new Targets.Target("applog append p50 (1 thread, drainer running)", "<= 250 ns", "250 ns", "met"),
                targets.get(0));
        assertEquals(new Targets.Target("applog append p99.9 (1 thread, drainer running)", "<= 5 µs", "4500 ns", "met"),
                targets.get(1));
        assertEquals("not run", targets.get(2).verdict());
        assertEquals(new Targets.Target("Log4j2 async / applog, p50 (1 thread)", ">= 2x", "2.16x (540 ns / 250 ns)", "met"),
                targets.get(4));
        assertEquals(new Targets.Target("Log4j2 async / applog, p99.9 (1 thread)", ">= 2x", "2.22x (10.0 µs / 4500 ns)", "met"),
                targets.get(5));
        assertEquals("not run", targets.get(6).verdict());
    }
}

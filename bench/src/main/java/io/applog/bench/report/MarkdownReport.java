package io.applog.bench.report;

import io.applog.bench.peer.Peers;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The markdown of {@code bench/results/RESULTS.md}: for a run (full or quick) the targets with
 * their verdicts, then one table per measurement. Pure functions of the results, so a fixed
 * input gives a fixed text.
 */
public final class MarkdownReport {
    static final String LATENCY = "LatencyBench";
    static final String END_TO_END = "EndToEndBench";
    static final String DRAINER = "DrainerBench";
    static final String LOGGER = "logger";
    /** The heading of the delay table through Kafka. */
    static final String KAFKA_DELAY = "append in one JVM to line in the collected file (ship, topic, collect), at";
    /** The percentiles of the latency table, by JMH's key, with their headings. */
    static final String[][] PERCENTILES = {{"50.0", "p50"}, {"99.0", "p99"}, {"99.9", "p99.9"},
            {"99.99", "p99.99"}, {"100.0", "max"}};

    private MarkdownReport() {
    }

    /**
     * One run's section.
     *
     * @param title   heading, e.g. {@code Full run}
     * @param plot    file name of the latency plot beside RESULTS.md, or null
     * @param harness the harness results, or null if that part did not run
     */
    public static String section(String title, List<JmhRow> jmh, HarnessResults harness, String plot) {
        StringBuilder md = new StringBuilder();
        md.append("## ").append(title).append("\n\n");
        if (harness != null && harness.machine() != null) {
            HarnessResults.Machine m = harness.machine();
            md.append(String.format(Locale.ROOT, "%s; %s, %d cores, %,d MB; %s; %s; load average %.2f"
                            + " when the harness started.%n%n",
                    m.date(), m.cpu(), m.cores(), m.memoryMb(), m.jdk(), m.os(), m.loadAverage()));
        }
        md.append("### Targets\n\n").append(targetsTable(Targets.evaluate(jmh, harness))).append('\n');
        md.append("### Caller latency per call\n\n")
                .append("One call: `info(\"order {} for {}\", int, \"alice\")`, JMH sample mode, calls back to back;")
                .append(" alloc/op is `-prof gc`'s gc.alloc.rate.norm (every thread of the JVM).\n\n")
                .append(latencyTable(jmh)).append('\n');
        if (plot != null) {
            md.append("![caller latency by percentile](").append(plot).append(")\n\n");
        }
        md.append("### Throughput until the file holds every message\n\n").append(endToEndTable(jmh))
                .append("\n`-`: no result (not run, or the benchmark failed: the run's log says why).\n\n");
        md.append("### Several processes into one file\n\n")
                .append(multiProcessTable(harness == null ? List.of() : harness.multiProcess())).append('\n');
        md.append("### Drainer\n\n").append(drainerTable(jmh)).append('\n')
                .append(delayTable(harness == null ? List.of() : harness.delay())).append('\n');
        md.append("### Across hosts (Kafka)\n\n")
                .append("A single-node broker on the same machine; `bench/README.md` says how each figure is taken.\n\n")
                .append(kafkaTable(harness == null ? List.of() : harness.kafka())).append('\n')
                .append(delayTable(kafkaDelays(harness), KAFKA_DELAY)).append('\n')
                .append("With the broker stopped (a JVM started during the outage; the broker then started again):\n\n")
                .append(brokerDownTable(harness == null ? List.of() : harness.brokerDown())).append('\n');
        md.append("### Cold start\n\n")
                .append(coldStartTable(harness == null ? List.of() : harness.coldStart())).append('\n');
        return md.toString();
    }

    /** Caller latency: one row per logger and thread count, in {@link Peers#ALL} order. */
    public static String latencyTable(List<JmhRow> rows) {
        StringBuilder md = new StringBuilder("| logger | threads |");
        StringBuilder rule = new StringBuilder("|---|---:|");
        for (String[] p : PERCENTILES) {
            md.append(' ').append(p[1]).append(" |");
            rule.append("---:|");
        }
        md.append(" alloc/op |\n").append(rule).append("---:|\n");
        for (JmhRow r : sorted(rows, LATENCY)) {
            md.append("| ").append(r.param(LOGGER)).append(" | ").append(r.threads()).append(" |");
            for (String[] p : PERCENTILES) {
                md.append(' ').append(Format.nanos(percentileNanos(r, p[0]))).append(" |");
            }
            md.append(' ').append(Format.bytes(r.allocNorm())).append(" |\n");
        }
        return md.toString();
    }

    static String endToEndTable(List<JmhRow> rows) {
        StringBuilder md = new StringBuilder("| logger | 1 thread | 2 threads |\n|---|---:|---:|\n");
        List<JmhRow> e2e = sorted(rows, END_TO_END);
        List<String> seen = new ArrayList<>();
        for (JmhRow r : e2e) {
            String logger = r.param(LOGGER);
            if (seen.contains(logger)) {
                continue;
            }
            seen.add(logger);
            md.append("| ").append(logger);
            if (Peers.CHRONICLE_RAW.equals(logger)) {
                md.append(" (append only, no text file)");
            }
            md.append(" | ").append(Format.rate(score(e2e, logger, 1)))
                    .append(" | ").append(Format.rate(score(e2e, logger, 2))).append(" |\n");
        }
        return md.toString();
    }

    static String multiProcessTable(List<HarnessResults.MultiProcess> rows) {
        StringBuilder md = new StringBuilder("| logger | processes | messages each | append, all processes"
                + " | into the file | CPU per record (writers + drainer) | of it, JIT | p50 call | worst p99 | worst p99.9"
                + " | worst call | lines in file |\n"
                + "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (HarnessResults.MultiProcess r : rows) {
            md.append("| ").append(r.logger()).append(" | ").append(r.processes()).append(" | ")
                    .append(Format.count(r.messagesPerProcess())).append(" | ")
                    .append(Format.rate(r.appendRate())).append(" | ").append(Format.rate(r.fileRate())).append(" | ")
                    .append(cpu(r)).append(" | ").append(r.jitCpuNsPerRecord() <= 0 ? "-" : Format.nanos(r.jitCpuNsPerRecord()))
                    .append(" | ")
                    .append(Format.nanos(r.p50Ns())).append(" | ").append(Format.nanos(r.worstP99Ns())).append(" | ")
                    .append(Format.nanos(r.worstP999Ns())).append(" | ").append(Format.nanos(r.worstCallNs()))
                    .append(" | ").append(Format.count(r.lines()))
                    .append(r.lines() == r.expectedLines() ? "" : " (expected " + Format.count(r.expectedLines()) + ")")
                    .append(" |\n");
        }
        return md.toString();
    }

    /** CPU per record, split into writers and drainer where there is one; "-" in results from before it was measured. */
    private static String cpu(HarnessResults.MultiProcess r) {
        if (r.cpuNsPerRecord() <= 0) {
            return "-";
        }
        return Format.nanos(r.cpuNsPerRecord()) + (r.drainerCpuNsPerRecord() <= 0 ? ""
                : " (" + Format.nanos(r.writerCpuNsPerRecord()) + " + " + Format.nanos(r.drainerCpuNsPerRecord()) + ")");
    }

    static String drainerTable(List<JmhRow> rows) {
        StringBuilder md = new StringBuilder("| format | lines/s from a pre-filled queue of 1 M records | per line |\n"
                + "|---|---:|---:|\n");
        for (JmhRow r : rows) {
            if (DRAINER.equals(r.benchmark())) {
                md.append("| ").append(r.param("format")).append(" | ").append(Format.rate(1e9 / nanosPerOp(r)))
                        .append(" | ").append(Format.nanos(nanosPerOp(r))).append(" |\n");
            }
        }
        return md.toString();
    }

    static String delayTable(List<HarnessResults.Delay> rows) {
        return delayTable(rows, "append in one JVM to line in the file, at");
    }

    static String delayTable(List<HarnessResults.Delay> rows, String heading) {
        StringBuilder md = new StringBuilder("| " + heading + " | lines | p50 | p90 | p99"
                + " | p99.9 | max | a new writer's first record |\n|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (HarnessResults.Delay r : rows) {
            md.append("| ").append(Format.count(r.ratePerSecond())).append(" msg/s | ").append(Format.count(r.count()))
                    .append(" | ").append(Format.millis(r.p50Ms())).append(" | ").append(Format.millis(r.p90Ms()))
                    .append(" | ").append(Format.millis(r.p99Ms())).append(" | ").append(Format.millis(r.p999Ms()))
                    .append(" | ").append(Format.millis(r.maxMs())).append(" | ").append(Format.millis(r.firstRecordMs()))
                    .append(" |\n");
        }
        return md.toString();
    }

    static String kafkaTable(List<HarnessResults.Kafka> rows) {
        StringBuilder md = new StringBuilder("| records | applog ship, queue to acknowledged by the broker"
                + " | applog collect, topic to file |\n|---:|---:|---:|\n");
        for (HarnessResults.Kafka r : rows) {
            md.append("| ").append(Format.count(r.records())).append(" | ").append(Format.rate(r.shipRate()))
                    .append(" | ").append(Format.rate(r.collectRate())).append(" |\n");
        }
        return md.toString();
    }

    private static List<HarnessResults.Delay> kafkaDelays(HarnessResults harness) {
        List<HarnessResults.Delay> out = new ArrayList<>();
        if (harness != null) {
            for (HarnessResults.Kafka k : harness.kafka()) {
                if (k.delay() != null) {
                    out.add(k.delay());
                }
            }
        }
        return out;
    }

    static String brokerDownTable(List<HarnessResults.BrokerDown> rows) {
        StringBuilder md = new StringBuilder("| logger | calls, broker stopped | first call | next calls, p50"
                + " | next calls, max | delivered once back | lost |\n|---|---:|---:|---:|---:|---:|---:|\n");
        for (HarnessResults.BrokerDown r : rows) {
            md.append("| ").append(r.logger()).append(" | ").append(Format.count(r.calls())).append(" | ")
                    .append(Format.millis(r.firstCallMs())).append(" | ").append(Format.millis(r.nextP50Ms()))
                    .append(" | ").append(Format.millis(r.nextMaxMs())).append(" | ")
                    .append(Format.count(r.delivered())).append(" | ").append(Format.count(r.lost())).append(" |\n");
        }
        return md.toString();
    }

    static String coldStartTable(List<HarnessResults.ColdStart> rows) {
        StringBuilder md = new StringBuilder("| JVM options | runs | JVM start to first record, p50 (min, max)"
                + " | process launch to first record, p50 (max) | JVM start to main(), p50 | main() to applog open, p50 |\n"
                + "|---|---:|---:|---:|---:|---:|\n");
        for (HarnessResults.ColdStart r : rows) {
            md.append("| ").append(r.variant()).append(" | ").append(r.runs()).append(" | ")
                    .append(Format.millis(r.jvmToFirstP50Ms())).append(" (").append(Format.millis(r.jvmToFirstMinMs()))
                    .append(", ").append(Format.millis(r.jvmToFirstMaxMs())).append(") | ")
                    .append(Format.millis(r.launchToFirstP50Ms())).append(" (").append(Format.millis(r.launchToFirstMaxMs()))
                    .append(") | ").append(Format.millis(r.jvmToMainP50Ms())).append(" | ")
                    .append(Format.millis(r.mainToOpenP50Ms())).append(" |\n");
        }
        return md.toString();
    }

    static String targetsTable(List<Targets.Target> targets) {
        StringBuilder md = new StringBuilder("| target | goal | measured | verdict |\n|---|---|---|---|\n");
        for (Targets.Target t : targets) {
            md.append("| ").append(t.name()).append(" | ").append(t.goal()).append(" | ").append(t.measured())
                    .append(" | ").append(t.verdict()).append(" |\n");
        }
        return md.toString();
    }

    /** Rows of one benchmark, in {@link Peers#ALL} order, then by threads. */
    static List<JmhRow> sorted(List<JmhRow> rows, String benchmark) {
        List<JmhRow> out = new ArrayList<>();
        for (JmhRow r : rows) {
            if (benchmark.equals(r.benchmark())) {
                out.add(r);
            }
        }
        out.sort(Comparator.<JmhRow>comparingInt(r -> order(r.param(LOGGER))).thenComparingInt(JmhRow::threads));
        return out;
    }

    private static int order(String logger) {
        int i = Peers.ALL.indexOf(logger);
        return i < 0 ? Integer.MAX_VALUE : i;
    }

    /** The row of a benchmark for a logger and thread count, or null. */
    static JmhRow find(List<JmhRow> rows, String benchmark, String logger, int threads) {
        for (JmhRow r : rows) {
            if (benchmark.equals(r.benchmark()) && logger.equals(r.param(LOGGER)) && r.threads() == threads) {
                return r;
            }
        }
        return null;
    }

    private static double score(List<JmhRow> rows, String logger, int threads) {
        JmhRow r = find(rows, END_TO_END, logger, threads);
        return r == null ? Double.NaN : r.score();
    }

    /** A sample-mode percentile in nanoseconds, whatever JMH's unit; NaN if absent. */
    static double percentileNanos(JmhRow r, String key) {
        return r.percentile(key) * nanosFactor(r.unit());
    }

    /** A time-per-operation score in nanoseconds, whatever JMH's unit. */
    static double nanosPerOp(JmhRow r) {
        return r.score() * nanosFactor(r.unit());
    }

    private static double nanosFactor(String unit) {
        double factor;
        if (unit.startsWith("ns/")) {
            factor = 1;
        } else if (unit.startsWith("us/")) {
            factor = 1e3;
        } else if (unit.startsWith("ms/")) {
            factor = 1e6;
        } else if (unit.startsWith("s/")) {
            factor = 1e9;
        } else {
            return Double.NaN;
        }
        return factor;
    }
}

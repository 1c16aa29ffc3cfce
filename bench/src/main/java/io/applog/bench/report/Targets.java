package io.applog.bench.report;

import io.applog.bench.harness.ShellLogHarness;
import io.applog.bench.peer.Peers;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The performance targets, each evaluated from one run's results: ratios are taken within the
 * run, never across runs. A target whose measurement did not run reads {@code not run}.
 */
public final class Targets {
    /** Below this many bytes per call, {@code gc.alloc.rate.norm} counts as zero (JMH's own noise). */
    static final double ZERO_BYTES = 1.0;

    /** One target: what, the goal, the figure measured (with the rows used) and met / missed. */
    public record Target(String name, String goal, String measured, String verdict) {
    }

    private Targets() {
    }

    public static List<Target> evaluate(List<JmhRow> jmh, HarnessResults harness) {
        List<Target> out = new ArrayList<>();
        latency(jmh, out);
        JmhRow applog = MarkdownReport.find(jmh, MarkdownReport.LATENCY, Peers.APPLOG, 1);
        double alloc = applog == null || applog.allocNorm() == null ? Double.NaN : applog.allocNorm();
        out.add(atMost("applog allocation per call", "0 B/op", alloc, ZERO_BYTES - 1e-9,
                Double.isNaN(alloc) ? "-" : String.format(Locale.ROOT, "%.2f B/op", alloc)));
        JmhRow bare = MarkdownReport.find(jmh, MarkdownReport.LATENCY, Peers.APPLOG_NO_DRAINER, 1);
        JmhRow raw = MarkdownReport.find(jmh, MarkdownReport.LATENCY, Peers.CHRONICLE_RAW, 1);
        double vsRaw = p(bare, "50.0") / p(raw, "50.0");
        out.add(atMost("applog vs raw Chronicle append, p50 (1 thread, no consumer)", "<= 1.2x", vsRaw, 1.2,
                Format.ratio(vsRaw) + " (" + Format.nanos(p(bare, "50.0")) + " / " + Format.nanos(p(raw, "50.0"))
                        + "; p99.9 " + Format.ratio(p(bare, "99.9") / p(raw, "99.9")) + ")"));
        multiProcess(harness, out);

        double text = linesPerSecond(jmh, "text");
        out.add(atLeast("drainer, text", ">= 3 M lines/s", text, 3e6, Format.rate(text)));
        double json = linesPerSecond(jmh, "json");
        out.add(atLeast("drainer, JSON Lines", ">= 2 M lines/s", json, 2e6, Format.rate(json)));

        HarnessResults.Delay delay = harness == null || harness.delay().isEmpty() ? null : harness.delay().get(0);
        double delayP99 = delay == null ? Double.NaN : delay.p99Ms();
        out.add(atMost("append to line in the file, p99" + (delay == null ? "" : " at "
                        + Format.count(delay.ratePerSecond()) + " msg/s"), "<= 5 ms", delayP99, 5,
                Format.millis(delayP99) + (delay == null ? "" : " (p50 " + Format.millis(delay.p50Ms()) + ")")));
        kafka(harness, out);

        HarnessResults.ColdStart cold = coldStart(harness, "default");
        double first = cold == null ? Double.NaN : cold.jvmToFirstP50Ms();
        HarnessResults.ColdStart none = coldStart(harness, "no archive");
        out.add(atMost("JVM start to first record appended, p50 (the script's options)", "<= 300 ms", first, 300,
                Format.millis(first) + (none == null ? "" : " (no archive " + Format.millis(none.jvmToFirstP50Ms()) + ")")));
        HarnessResults.ColdStart log = coldStart(harness, ShellLogHarness.WITH_ARCHIVE);
        double call = log == null ? Double.NaN : log.launchToFirstP50Ms();
        HarnessResults.ColdStart logNone = coldStart(harness, ShellLogHarness.WITHOUT_ARCHIVE);
        out.add(atMost("one applog log call from a shell, wall p50", "<= 300 ms", call, 300, Format.millis(call)
                + (logNone == null ? "" : " (APPLOG_CDS=off " + Format.millis(logNone.launchToFirstP50Ms()) + ")")));
        return out;
    }

    /** Caller latency against Log4j2 all-async in the same run: p50 no higher, p99.9 at least 2x lower. */
    private static void latency(List<JmhRow> jmh, List<Target> out) {
        for (int threads = 1; threads <= 2; threads++) {
            JmhRow applog = MarkdownReport.find(jmh, MarkdownReport.LATENCY, Peers.APPLOG, threads);
            JmhRow log4j = MarkdownReport.find(jmh, MarkdownReport.LATENCY, Peers.LOG4J2_ASYNC, threads);
            String t = threads == 1 ? "1 thread" : threads + " threads";
            double p50 = p(applog, "50.0");
            double vsP50 = p(log4j, "50.0") / p50;
            out.add(atLeast("Log4j2 all-async / applog, p50 (" + t + ", drainer running)", ">= 1x", vsP50, 1,
                    Format.ratio(vsP50) + " (" + Format.nanos(p(log4j, "50.0")) + " / " + Format.nanos(p50) + ")"));
            double p999 = p(applog, "99.9");
            double vsP999 = p(log4j, "99.9") / p999;
            out.add(atLeast("Log4j2 all-async / applog, p99.9 (" + t + ", drainer running)", ">= 2x", vsP999, 2,
                    Format.ratio(vsP999) + " (" + Format.nanos(p(log4j, "99.9")) + " / " + Format.nanos(p999) + ")"));
        }
    }

    /** Two processes into one file: CPU per record of every process involved, and the rate into the file. */
    private static void multiProcess(HarnessResults harness, List<Target> out) {
        HarnessResults.MultiProcess a2 = multi(harness, Peers.APPLOG, 2);
        HarnessResults.MultiProcess l2 = multi(harness, Peers.LOGBACK_PRUDENT, 2);
        double cpu = a2 == null || a2.cpuNsPerRecord() <= 0 ? Double.NaN : a2.cpuNsPerRecord();
        out.add(atMost("applog CPU per record, writers + drainer (2 processes)", "<= 500 ns", cpu, 500,
                Double.isNaN(cpu) ? "-" : Format.nanos(cpu) + " (" + Format.nanos(a2.writerCpuNsPerRecord())
                        + " + " + Format.nanos(a2.drainerCpuNsPerRecord()) + ")"));
        double prudentCpu = l2 == null || l2.cpuNsPerRecord() <= 0 ? Double.NaN : l2.cpuNsPerRecord();
        double cpuRatio = prudentCpu / cpu;
        out.add(atLeast("Logback prudent / applog, CPU per record (2 processes)", ">= 30x", cpuRatio, 30,
                Format.ratio(cpuRatio) + (Double.isNaN(cpuRatio) ? ""
                        : " (" + Format.nanos(prudentCpu) + " / " + Format.nanos(cpu) + ")")));
        double vsPrudent = a2 == null || l2 == null ? Double.NaN : a2.fileRate() / l2.fileRate();
        out.add(atLeast("applog / Logback prudent, 2 processes into one file", ">= 50x", vsPrudent, 50,
                Format.ratio(vsPrudent) + (a2 == null || l2 == null ? ""
                        : " (" + Format.rate(a2.fileRate()) + " / " + Format.rate(l2.fileRate()) + ")")));
    }

    /** The shipper's and the collector's rates, and append to line through the topic (a broker on this machine). */
    private static void kafka(HarnessResults harness, List<Target> out) {
        HarnessResults.Kafka k = harness == null || harness.kafka().isEmpty() ? null : harness.kafka().get(0);
        double ship = k == null ? Double.NaN : k.shipRate();
        out.add(atLeast("applog ship, records acknowledged by Kafka", ">= 500 k/s", ship, 500e3, Format.rate(ship)));
        double collect = k == null ? Double.NaN : k.collectRate();
        out.add(atLeast("applog collect, lines from Kafka into the file", ">= 1 M/s", collect, 1e6,
                Format.rate(collect)));
        HarnessResults.Delay d = k == null ? null : k.delay();
        double p99 = d == null ? Double.NaN : d.p99Ms();
        out.add(atMost("append to line through Kafka (ship, topic, collect), p99" + (d == null ? "" : " at "
                        + Format.count(d.ratePerSecond()) + " msg/s"), "<= 50 ms", p99, 50,
                Format.millis(p99) + (d == null ? "" : " (p50 " + Format.millis(d.p50Ms()) + ")")));
    }

    private static Target atMost(String name, String goal, double value, double limit, String measured) {
        return new Target(name, goal, measured, Double.isNaN(value) ? "not run" : value <= limit ? "met" : "missed");
    }

    private static Target atLeast(String name, String goal, double value, double limit, String measured) {
        return new Target(name, goal, measured, Double.isNaN(value) ? "not run" : value >= limit ? "met" : "missed");
    }

    private static double p(JmhRow row, String key) {
        return row == null ? Double.NaN : MarkdownReport.percentileNanos(row, key);
    }

    private static double linesPerSecond(List<JmhRow> jmh, String format) {
        for (JmhRow r : jmh) {
            if (MarkdownReport.DRAINER.equals(r.benchmark()) && format.equals(r.param("format"))) {
                return 1e9 / MarkdownReport.nanosPerOp(r);
            }
        }
        return Double.NaN;
    }

    private static HarnessResults.MultiProcess multi(HarnessResults h, String logger, int processes) {
        if (h != null) {
            for (HarnessResults.MultiProcess m : h.multiProcess()) {
                if (m.logger().equals(logger) && m.processes() == processes) {
                    return m;
                }
            }
        }
        return null;
    }

    private static HarnessResults.ColdStart coldStart(HarnessResults h, String variant) {
        if (h != null) {
            for (HarnessResults.ColdStart c : h.coldStart()) {
                if (c.variant().equals(variant)) {
                    return c;
                }
            }
        }
        return null;
    }
}

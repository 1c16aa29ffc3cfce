package io.applog.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.applog.bench.harness.ColdStartHarness;
import io.applog.bench.harness.BrokerDownHarness;
import io.applog.bench.harness.DelayHarness;
import io.applog.bench.harness.KafkaHarness;
import io.applog.bench.harness.MultiProcessHarness;
import io.applog.bench.jmh.DrainerBench;
import io.applog.bench.jmh.EndToEndBench;
import io.applog.bench.jmh.LatencyBench;
import io.applog.bench.peer.Peers;
import io.applog.bench.report.HarnessResults;
import io.applog.bench.report.JmhRow;
import io.applog.bench.report.LatencyPlot;
import io.applog.bench.report.MarkdownReport;
import io.applog.it.KafkaBroker;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

/**
 * {@code applog bench [--quick]}: runs the JMH benchmarks and the multi-process harness, writes
 * {@code jmh-<kind>.json} and {@code harness-<kind>.json} under the results directory, then
 * regenerates {@code RESULTS.md} and the latency plot from every result file there. Exit 0 when
 * every part ran, 1 when one failed (the others still run and are written), 2 on bad usage.
 */
@Command(name = "applog bench", mixinStandardHelpOptions = true, version = "applog bench 0.1.0",
        description = "Benchmarks applog against Log4j2, Logback, JUL and raw Chronicle Queue;"
                + " writes bench/results/ (JMH JSON, RESULTS.md, latency plot).")
public final class BenchMain implements Callable<Integer> {
    /** The parts of a run, in the order they run. */
    enum Part { latency, throughput, drainer, multiprocess, delay, kafka, coldstart }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Option(names = "--quick", description = "Short iterations, a sanity check in under 5 minutes (results *-quick.*).")
    boolean quick;

    @Option(names = "--only", split = ",", paramLabel = "PART",
            description = "Run only these parts (${COMPLETION-CANDIDATES}); the other parts' earlier results are kept.")
    Set<Part> only;

    @Option(names = "--results", paramLabel = "DIR",
            description = "Results directory. Default: bench/results beside the bench jar.")
    Path results;

    @Option(names = "--report-only", description = "Only regenerate RESULTS.md and the plots from the result files.")
    boolean reportOnly;

    public static void main(String[] args) {
        if (System.getProperty(Jvm.SLF4J_PROVIDER) == null) {
            System.setProperty(Jvm.SLF4J_PROVIDER, Jvm.NOP_PROVIDER);
        }
        // `./applog bench ...` passes its command word along
        String[] rest = args.length > 0 && "bench".equals(args[0]) ? Arrays.copyOfRange(args, 1, args.length) : args;
        CommandLine cli = new CommandLine(new BenchMain()).setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            cmd.getErr().println("applog bench: " + (ex.getMessage() == null ? ex.toString() : ex.getMessage()));
            return 1;
        });
        System.exit(cli.execute(rest));
    }

    @Override
    public Integer call() throws Exception {
        Path dir = results != null ? results : defaultResults();
        Files.createDirectories(dir);
        RunPlan plan = quick ? RunPlan.QUICK : RunPlan.FULL;
        Set<Part> parts = only == null || only.isEmpty() ? EnumSet.allOf(Part.class) : EnumSet.copyOf(only);
        List<String> failures = new ArrayList<>();
        if (!reportOnly) {
            long start = System.nanoTime();
            HarnessResults.Machine machine = Machine.describe();
            runJmh(plan, parts, dir, failures);
            runHarness(plan, parts, dir, machine, failures);
            System.out.printf("applog bench: %s run took %.1f min%n", plan.kind(), (System.nanoTime() - start) / 60e9);
        }
        writeReport(dir);
        System.out.println("applog bench: results in " + dir.toAbsolutePath().normalize());
        for (String f : failures) {
            System.err.println("applog bench: FAILED " + f);
        }
        return failures.isEmpty() ? 0 : 1;
    }

    /** bench/results: the bench jar lives in bench/target, its classes in bench/target/classes. */
    private static Path defaultResults() throws URISyntaxException {
        Path code = Path.of(BenchMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path target = Files.isDirectory(code) ? code.getParent() : code.getParent();
        return target.getParent().resolve("results");
    }

    // ---------------------------------------------------------------- JMH

    private static void runJmh(RunPlan plan, Set<Part> parts, Path dir, List<String> failures) throws IOException {
        Path json = dir.resolve("jmh-" + plan.kind() + ".json");
        List<String> ran = new ArrayList<>();
        ArrayNode merged = JSON.createArrayNode();
        if (parts.contains(Part.latency)) {
            ran.add(LatencyBench.class.getSimpleName());
            jmh(LatencyBench.class, null, plan.latency(), true, b -> b, merged, failures);
        }
        if (parts.contains(Part.throughput)) {
            ran.add(EndToEndBench.class.getSimpleName());
            jmh(EndToEndBench.class, plan.endToEndThreads() ? null : "oneThread", plan.endToEnd(), false,
                    b -> b.param("batch", "" + plan.batch()).operationsPerInvocation(plan.batch()), merged, failures);
        }
        if (parts.contains(Part.drainer)) {
            ran.add(DrainerBench.class.getSimpleName());
            jmh(DrainerBench.class, null, plan.drainer(), false, b -> b, merged, failures);
        }
        if (ran.isEmpty()) {
            return;
        }
        ArrayNode out = JSON.createArrayNode();
        if (Files.exists(json)) {
            for (JsonNode n : JSON.readTree(json.toFile())) {
                if (!ran.contains(simpleClass(n.path("benchmark").asText()))) {
                    out.add(n);
                }
            }
        }
        out.addAll(merged);
        JSON.writeValue(json.toFile(), out);
        System.out.println("applog bench: wrote " + json);
    }

    private interface Tweak {
        ChainedOptionsBuilder apply(ChainedOptionsBuilder b);
    }

    /** Runs the benchmarks of one class ({@code method}: only that one) and adds their JSON to {@code into}. */
    private static void jmh(Class<?> bench, String method, RunPlan.Iterations it, boolean gc, Tweak tweak,
                            ArrayNode into, List<String> failures) throws IOException {
        Path part = Files.createTempFile("applog-jmh-" + bench.getSimpleName(), ".json");
        try {
            ChainedOptionsBuilder b = new OptionsBuilder()
                    .include("^" + Pattern.quote(bench.getName() + ".") + (method == null ? "" : method + "$"))
                    .warmupIterations(it.warmups())
                    .measurementIterations(it.measurements())
                    .resultFormat(ResultFormatType.JSON)
                    .result(part.toString())
                    .jvmArgsPrepend(Jvm.chronicleFlags().toArray(new String[0]))
                    .shouldFailOnError(false); // one peer failing must not stop the others
            if (it.warmupSeconds() > 0) {
                b.warmupTime(TimeValue.seconds(it.warmupSeconds()));
            }
            if (it.measurementSeconds() > 0) {
                b.measurementTime(TimeValue.seconds(it.measurementSeconds()));
            }
            if (gc) {
                b.addProfiler(GCProfiler.class);
            }
            try {
                int expected = benchmarkCount(bench, method);
                int got = new Runner(tweak.apply(b).build()).run().size();
                if (got < expected) {
                    failures.add(bench.getSimpleName() + ": " + (expected - got) + " of " + expected
                            + " benchmarks failed (their errors are in the log above)");
                }
            } catch (Exception e) {
                failures.add(bench.getSimpleName() + ": " + e.getMessage());
            }
            if (Files.size(part) > 0) {
                for (JsonNode n : JSON.readTree(part.toFile())) {
                    // sample mode's raw histograms make the file 20x larger; the percentiles stay
                    JsonNode primary = n.path("primaryMetric");
                    if (primary instanceof ObjectNode) {
                        ((ObjectNode) primary).remove("rawDataHistogram");
                    }
                    into.add(n);
                }
            }
        } finally {
            Files.deleteIfExists(part);
        }
    }

    /** Benchmark methods (or just {@code method}) times the combinations of the class's {@code @Param}s. */
    static int benchmarkCount(Class<?> bench, String method) {
        int methods = 0;
        for (java.lang.reflect.Method m : bench.getMethods()) {
            if (m.isAnnotationPresent(Benchmark.class) && (method == null || method.equals(m.getName()))) {
                methods++;
            }
        }
        int combinations = 1;
        for (java.lang.reflect.Field f : bench.getFields()) {
            Param p = f.getAnnotation(Param.class);
            if (p != null) {
                combinations *= p.value().length;
            }
        }
        return methods * combinations;
    }

    private static String simpleClass(String benchmark) {
        String cls = benchmark.substring(0, Math.max(0, benchmark.lastIndexOf('.')));
        return cls.substring(cls.lastIndexOf('.') + 1);
    }

    // ---------------------------------------------------------------- harness

    /** Runs the harness parts asked for; writes them with the machine and the earlier results of the others. */
    private static void runHarness(RunPlan plan, Set<Part> parts, Path dir, HarnessResults.Machine machine,
                                   List<String> failures) throws IOException {
        if (!parts.contains(Part.multiprocess) && !parts.contains(Part.delay) && !parts.contains(Part.kafka)
                && !parts.contains(Part.coldstart)) {
            return; // keep the file, and the machine and date of the run that made it
        }
        Path json = dir.resolve("harness-" + plan.kind() + ".json");
        HarnessResults old = Files.exists(json) ? JSON.readValue(json.toFile(), HarnessResults.class) : null;
        List<HarnessResults.MultiProcess> multi = new ArrayList<>();
        List<HarnessResults.Delay> delay = new ArrayList<>();
        List<HarnessResults.ColdStart> cold = new ArrayList<>();
        List<HarnessResults.Kafka> kafka = new ArrayList<>();
        List<HarnessResults.BrokerDown> down = new ArrayList<>();
        if (parts.contains(Part.multiprocess)) {
            for (int n : plan.processes()) {
                multi(Peers.APPLOG, n, plan.applogWarmup(), plan.applogMessages(), multi, failures);
                multi(Peers.LOGBACK_PRUDENT, n, plan.prudentWarmup(), plan.prudentMessages(), multi, failures);
            }
        } else if (old != null) {
            multi.addAll(old.multiProcess());
        }
        if (parts.contains(Part.delay)) {
            for (int rate : plan.delayRates()) {
                try {
                    System.out.printf("applog bench: delay, %d msg/s for %d s%n", rate, plan.delaySeconds());
                    HarnessResults.Delay d = DelayHarness.run(rate, plan.delaySeconds());
                    System.out.println("  " + d);
                    delay.add(d);
                } catch (Exception e) {
                    failures.add("delay at " + rate + " msg/s: " + e);
                }
            }
        } else if (old != null) {
            delay.addAll(old.delay());
        }
        if (parts.contains(Part.kafka)) {
            kafka(plan.kafka(), kafka, down, failures);
        } else if (old != null) {
            kafka.addAll(old.kafka());
            down.addAll(old.brokerDown());
        }
        if (parts.contains(Part.coldstart)) {
            try {
                System.out.printf("applog bench: cold start, %d JVMs per variant%n", plan.coldRuns());
                cold.addAll(ColdStartHarness.run(plan.coldRuns()));
                cold.forEach(c -> System.out.println("  " + c));
            } catch (Exception e) {
                failures.add("cold start: " + e);
            }
        } else if (old != null) {
            cold.addAll(old.coldStart());
        }
        HarnessResults results = new HarnessResults(machine, plan.kind(), multi, delay, cold, kafka, down);
        JSON.writeValue(json.toFile(), results);
        System.out.println("applog bench: wrote " + json);
    }

    /** The Kafka part, with one broker: ship, collect and append to line, then the broker stopped. */
    private static void kafka(RunPlan.KafkaSizes sizes, List<HarnessResults.Kafka> kafka,
                              List<HarnessResults.BrokerDown> down, List<String> failures) {
        System.out.printf("applog bench: kafka, a broker on this machine; %,d records shipped and collected;"
                + " append to line at %,d msg/s for %d s%n", sizes.records(), KafkaHarness.DELAY_RATE, sizes.delaySeconds());
        try (KafkaBroker broker = KafkaHarness.startBroker()) {
            try {
                HarnessResults.Kafka k = KafkaHarness.run(broker, sizes.records(), sizes.delaySeconds());
                System.out.println("  " + k);
                kafka.add(k);
            } catch (Exception e) {
                failures.add("kafka: " + e);
            }
            System.out.printf("applog bench: kafka, broker stopped: %d Log4j2 KafkaAppender calls (each may block"
                    + " 60 s), %,d applog calls%n", sizes.log4j2Calls(), sizes.applogCalls());
            try {
                List<HarnessResults.BrokerDown> d = BrokerDownHarness.run(broker, sizes.log4j2Calls(), sizes.applogCalls());
                d.forEach(r -> System.out.println("  " + r));
                down.addAll(d);
            } catch (Exception e) {
                failures.add("kafka, broker stopped: " + e);
            }
        } catch (Exception e) {
            failures.add("kafka broker: " + e);
        }
    }

    private static void multi(String logger, int processes, int warmup, int messages,
                              List<HarnessResults.MultiProcess> into, List<String> failures) {
        try {
            System.out.printf("applog bench: %d %s writer JVMs x %,d messages into one file%n", processes, logger, messages);
            HarnessResults.MultiProcess m = MultiProcessHarness.run(logger, processes, warmup, messages);
            System.out.println("  " + m);
            into.add(m);
        } catch (Exception e) {
            failures.add(processes + " " + logger + " writers: " + e);
        }
    }

    // ---------------------------------------------------------------- report

    /** RESULTS.md from the full run's files (if any) then the quick run's; a plot per run. */
    static void writeReport(Path dir) throws IOException {
        StringBuilder md = new StringBuilder();
        md.append("# applog benchmark results\n\n")
                .append("Generated by `./applog bench` (full run) and `./applog bench --quick` (sanity check)"
                        + " from the JSON files beside this one; do not edit by hand. Peers, settings and method:"
                        + " `bench/README.md`.\n\n");
        boolean any = false;
        for (String kind : List.of("full", "quick")) {
            Path jmhFile = dir.resolve("jmh-" + kind + ".json");
            Path harnessFile = dir.resolve("harness-" + kind + ".json");
            if (!Files.exists(jmhFile) && !Files.exists(harnessFile)) {
                continue;
            }
            any = true;
            List<JmhRow> rows = Files.exists(jmhFile) ? JmhRow.read(jmhFile) : List.of();
            HarnessResults harness = Files.exists(harnessFile)
                    ? JSON.readValue(harnessFile.toFile(), HarnessResults.class) : null;
            String plotName = "full".equals(kind) ? "latency.svg" : "latency-quick.svg";
            String title = "full".equals(kind) ? "Full run" : "Quick run (short iterations: a sanity check, not for comparison)";
            String svg = LatencyPlot.svg(rows, "Caller latency by percentile, " + kind + " run (lower is better)");
            if (svg != null) {
                Files.writeString(dir.resolve(plotName), svg);
            }
            md.append(MarkdownReport.section(title, rows, harness, svg == null ? null : plotName));
        }
        if (!any) {
            md.append("No results yet: run `./applog bench`.\n");
        }
        Files.writeString(dir.resolve("RESULTS.md"), md.toString());
    }
}

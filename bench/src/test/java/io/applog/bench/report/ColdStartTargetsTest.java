package io.applog.bench.report;

import io.applog.bench.harness.ShellLogHarness;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The cold-start targets read the script's row and the shell call's row, each with its no-archive twin. */
class ColdStartTargetsTest {
    private static HarnessResults.ColdStart jvm(String variant, double jvmToFirst) {
        return new HarnessResults.ColdStart(variant, 20, jvmToFirst, jvmToFirst - 10, jvmToFirst + 50,
                jvmToFirst + 20, jvmToFirst + 80, 40, jvmToFirst - 60);
    }

    private static HarnessResults.ColdStart call(String variant, double wall) {
        return new HarnessResults.ColdStart(variant, 20, Double.NaN, Double.NaN, Double.NaN, wall, wall + 90,
                Double.NaN, Double.NaN);
    }

    @Test
    void shouldJudgeTheDefaultOptionsAndTheShellCall() {
        HarnessResults harness = new HarnessResults(null, "full", List.of(), List.of(), List.of(
                jvm("no archive", 529), jvm("default", 240), jvm("appcds", 272),
                call(ShellLogHarness.WITH_ARCHIVE, 310), call(ShellLogHarness.WITHOUT_ARCHIVE, 420)));

        List<Targets.Target> targets = Targets.evaluate(List.of(), harness);

        assertEquals(new Targets.Target("JVM start to first record appended, p50 (the script's options)", "<= 300 ms",
                "240.0 ms (no archive 529.0 ms)", "met"), targets.get(targets.size() - 2));
        assertEquals(new Targets.Target("one applog log call from a shell, wall p50", "<= 300 ms",
                "310.0 ms (APPLOG_CDS=off 420.0 ms)", "missed"), targets.get(targets.size() - 1));
    }

    @Test
    void shouldSayNotRunWithoutTheRows() {
        List<Targets.Target> targets = Targets.evaluate(List.of(), null);

        assertEquals(List.of("not run", "not run"), List.of(targets.get(targets.size() - 2).verdict(),
                targets.get(targets.size() - 1).verdict()));
    }
}

package io.applog.demo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Usage of {@code applog demo}, in this JVM: parsing and --help have no side effects. */
class DemoLauncherTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return DemoLauncher.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void shouldExplainEveryOptionInHelp() {
        assertEquals(0, run("demo", "--help"));
        String help = out.toString();
        for (String option : new String[]{"--workers=N", "--messages=M", "--logfile=F", "--stdout",
                "--log-level=L", "--timeout-sec=S", "--crash-worker=K", "--help"}) {
            assertTrue(help.contains(option), option + " in\n" + help);
        }
        assertTrue(help.contains("Default: 3."), help);
        assertTrue(help.contains("Default: 100."), help);
        assertTrue(help.contains("Default: DEBUG."), help);
        assertTrue(help.contains("Default: 5."), help);
    }

    @ParameterizedTest
    @ValueSource(strings = {"--workers 0", "--workers 33", "--messages 0", "--messages many",
            "--crash-worker 4", "--workers 2 --crash-worker 3", "--crash-worker -1", "--log-level LOUD",
            "--timeout-sec 0", "--bogus", "extra"})
    void shouldExitTwoOnBadUsage(String args) {
        assertEquals(2, run(args.split(" ")), err.toString());
        assertTrue(err.toString().contains("Usage: applog demo"), err.toString());
    }

    @Test
    void shouldNameTheBadValue() {
        assertEquals(2, run("--workers", "3", "--crash-worker", "4"));
        assertTrue(err.toString().contains("--crash-worker=4 (expected 1..3"), err.toString());
    }
}

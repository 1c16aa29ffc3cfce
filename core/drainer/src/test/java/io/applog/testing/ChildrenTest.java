package io.applog.testing;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

/**
 * The harness itself: after a test that passed, failed or timed out, every child process the
 * test started through {@link ChildProcessTest}, and every child of those, is gone. Each case
 * runs a test of {@link Fixture} through the JUnit launcher and looks at its processes after.
 */
class ChildrenTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "passes   | SUCCESSFUL |",
            "fails    | FAILED     | org.opentest4j.AssertionFailedError: on purpose",
            "timesOut | FAILED     | java.util.concurrent.TimeoutException: timesOut() timed out after 1 second"})
    void shouldKillEveryChildAndItsChildrenAfterATestWhateverItsOutcome(String test, TestExecutionResult.Status status,
                                                                        String thrown) {
        Fixture.started.clear();
        List<TestExecutionResult> results = new ArrayList<>();
        LauncherFactory.create().execute(request().selectors(selectMethod(Fixture.class, test)).build(),
                new TestExecutionListener() {
                    @Override
                    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                        if (id.isTest()) {
                            results.add(result);
                        }
                    }
                });

        assertEquals(1, results.size(), "results " + results);
        TestExecutionResult result = results.get(0);
        assertEquals(status, result.getStatus(), String.valueOf(result));
        assertEquals(thrown, result.getThrowable().map(Throwable::toString).orElse(null));
        assertEquals(3, Fixture.started.size(), "sh and its two sleeps: " + Fixture.started);
        for (ProcessHandle p : Fixture.started) {
            assertFalse(p.isAlive(), "pid " + p.pid() + " " + p.info().commandLine().orElse(""));
        }
    }

    /** Tests run only by the launcher above (a nested class: the build's test scan leaves it out). */
    static class Fixture extends ChildProcessTest {
        static final List<ProcessHandle> started = new CopyOnWriteArrayList<>();

        /** Starts a shell with two sleeping children, as a test would start a drainer, and notes their pids. */
        @BeforeEach
        void startSleepers() throws Exception {
            Process sh = children.command("sleepers", List.of("sh", "-c", "sleep 600 & sleep 600 & wait"));
            Children.await(10, () -> "the shell's sleeps: " + sh.descendants().toList(),
                    () -> sh.descendants().count() == 2);
            started.add(sh.toHandle());
            started.addAll(sh.descendants().toList());
        }

        @Test
        void passes() {
            assertEquals(3, started.size());
        }

        @Test
        void fails() {
            fail("on purpose");
        }

        @Test
        @Timeout(1)
        void timesOut() throws Exception {
            Thread.sleep(600_000);
        }
    }
}

package io.applog.testing;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

/**
 * Prints one line per skipped test, with its reason (the message of the assumption that failed,
 * or of {@code @Disabled}), in the build output next to the tests, where Maven's summary gives
 * only the count. Registered for the JUnit launcher in
 * {@code META-INF/services/org.junit.platform.launcher.TestExecutionListener}.
 */
public final class SkippedTests implements TestExecutionListener {
    @Override
    public void executionSkipped(TestIdentifier test, String reason) {
        print(test, reason);
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        if (result.getStatus() == TestExecutionResult.Status.ABORTED) {
            print(test, result.getThrowable().map(Throwable::getMessage).orElse("(no reason given)"));
        }
    }

    private static void print(TestIdentifier test, String reason) {
        String name = test.getSource().filter(MethodSource.class::isInstance).map(MethodSource.class::cast)
                .map(m -> m.getClassName() + "." + m.getMethodName()).orElse(test.getDisplayName());
        System.out.println("skipped: " + name + ": " + reason);
    }
}

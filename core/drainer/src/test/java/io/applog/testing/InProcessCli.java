package io.applog.testing;

import io.applog.cli.Main;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The command line ({@link Main#run}) run in the test's JVM, on a thread of its own so that the
 * test can give up on it: a drain that does not return within its deadline fails the test
 * instead of hanging it.
 */
public final class InProcessCli {
    private InProcessCli() {
    }

    /** Runs {@code applog args} and returns its exit code; fails if it has not returned within {@code seconds}. */
    public static int run(int seconds, String... args) throws InterruptedException {
        AtomicInteger code = new AtomicInteger();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread cli = new Thread(() -> {
            try {
                code.set(Main.run(args));
            } catch (Throwable t) {
                thrown.set(t);
            }
        }, "applog " + args[0]);
        cli.setDaemon(true);
        cli.start();
        cli.join(seconds * 1000L);
        if (cli.isAlive()) {
            cli.interrupt();
            fail("applog " + String.join(" ", args) + " did not return within " + seconds + " s");
        }
        if (thrown.get() != null) {
            throw new AssertionError("applog " + String.join(" ", args) + " threw", thrown.get());
        }
        return code.get();
    }

    /**
     * Drains {@code queue} into {@code logfile} in {@code format} ({@code applog drain ...
     * --timeout-sec 1}, so its writers must have exited), asserts exit code 0 and returns the
     * logfile's lines.
     */
    public static List<String> drain(Path queue, Path logfile, String format) throws IOException, InterruptedException {
        assertEquals(0, run(60, "drain", "--queue", queue.toString(), "--logfile", logfile.toString(),
                "--format", format, "--timeout-sec", "1"), "drain exit code");
        return Files.readAllLines(logfile, StandardCharsets.UTF_8);
    }
}

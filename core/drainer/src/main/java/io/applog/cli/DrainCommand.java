package io.applog.cli;

import io.applog.drain.Drainer;
import io.applog.internal.InternalLog;
import io.applog.drain.DrainerOptions;
import io.applog.drain.Rotation;
import io.applog.internal.DrainerLockFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sun.misc.Signal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code applog drain}: merge every writer queue into one logfile until the heartbeat stops.
 * Its options become {@link DrainerOptions}; which sink they ask for is {@code Sinks}' business.
 */
@Command(name = "drain", mixinStandardHelpOptions = true,
        description = "Merge the writer queues under --queue into one logfile, in timestamp order,"
                + " exactly once; exit after no writer has been alive for --timeout-sec.")
final class DrainCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--queue", required = true, paramLabel = "DIR",
            description = "Queue dir: the directory holding each process's writer queue.")
    Path queue;

    @Option(names = "--logfile", required = true, paramLabel = "FILE", description = "File to write.")
    Path logfile;

    @Option(names = "--format", defaultValue = "text", paramLabel = "text|json|otel",
            description = "Line format: " + FormatOption.FORMAT_HELP)
    String format;

    @Option(names = "--pattern", paramLabel = "PATTERN", description = FormatOption.PATTERN_HELP)
    String pattern;

    @Option(names = "--timeout-sec", defaultValue = "5", paramLabel = "S",
            description = "Exit this long after no writer is alive; 0 never exits. Default: ${DEFAULT-VALUE}.")
    int timeoutSec;

    @Option(names = "--stdout", description = "Also write every line to standard output.")
    boolean stdout;

    @Option(names = "--reorder-ms", defaultValue = "100", paramLabel = "MS",
            description = "How long a record waits for older records of quieter writers. Default: ${DEFAULT-VALUE}.")
    long reorderMs;

    @Option(names = "--max-size", paramLabel = "SIZE",
            description = "Rotate the logfile when it reaches SIZE (e.g. 10MB): FILE.1 is the newest old file.")
    String maxSize;

    @Option(names = "--rotate", paramLabel = "daily|hourly",
            description = "Rotate the logfile when the local day or hour changes.")
    String rotate;

    @Option(names = "--keep", defaultValue = "5", paramLabel = "N",
            description = "Rotated files kept (FILE.1 .. FILE.N). Default: ${DEFAULT-VALUE}.")
    int keep;

    @Option(names = "--gzip", description = "Compress rotated files (FILE.1.gz ...).")
    boolean gzip;

    @Option(names = "--if-absent", hidden = true,
            description = "Exit 0 quietly if another drainer holds the queue.")
    boolean ifAbsent;

    private Rotation rotation() {
        long bytes = 0;
        if (maxSize != null) {
            try {
                bytes = Rotation.parseSize(maxSize);
            } catch (IllegalArgumentException e) {
                throw usage("Invalid value for option '--max-size': " + e.getMessage());
            }
        }
        Rotation.Period period = Rotation.Period.NONE;
        if (rotate != null) {
            switch (rotate) {
                case "daily": period = Rotation.Period.DAILY; break;
                case "hourly": period = Rotation.Period.HOURLY; break;
                default: throw usage("Invalid value for option '--rotate': " + rotate + " (expected daily or hourly)");
            }
        }
        if (keep < 1 || keep > 1000) {
            throw usage("Invalid value for option '--keep': " + keep + " (expected 1..1000)");
        }
        return new Rotation(bytes, period, keep, gzip);
    }

    private picocli.CommandLine.ParameterException usage(String message) {
        return new picocli.CommandLine.ParameterException(spec.commandLine(), message);
    }

    /** The drainer SIGHUP reopens the logfile of; null before it is open. */
    private volatile Drainer hangupTarget;

    /**
     * SIGHUP reopens the logfile by name (logrotate's {@code create} mode: rename, then
     * {@code kill -HUP} in {@code postrotate}) instead of ending the JVM (exit 129). A JVM that
     * reserves the signal (-Xrs) keeps its own handling; the drainer notices a renamed logfile by
     * itself anyway.
     */
    private void reopenOnHangup() {
        try {
            Signal.handle(new Signal("HUP"), signal -> {
                Drainer d = hangupTarget;
                if (d != null) {
                    d.reopen();
                }
            });
        } catch (IllegalArgumentException e) {
            InternalLog.warn("SIGHUP will not reopen the logfile: " + InternalLog.describe(e));
        }
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        FormatOption.open(spec, format, pattern);
        if (ifAbsent && DrainerLockFile.held(queue)) {
            return 0; // before the queue is mapped: one of several started at once exits cheaply
        }
        reopenOnHangup();
        Drainer drainer;
        try {
            drainer = Drainer.open(new DrainerOptions(queue, logfile, format, timeoutSec, stdout, reorderMs,
                    rotation(), pattern));
        } catch (IOException e) {
            if (ifAbsent && Drainer.isBusy(e)) {
                return 0;
            }
            throw e;
        }
        hangupTarget = drainer;
        CountDownLatch done = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            drainer.stop();
            try {
                done.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "applog-drain-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try (drainer) {
            drainer.run();
        } finally {
            done.countDown();
        }
        long unreadable = drainer.unreadable();
        if (unreadable > 0) {
            List<Path> kept = drainer.keptDamaged();
            spec.commandLine().getErr().println("applog drain: unreadable=" + unreadable
                    + " records in damaged queue files, not written"
                    + (kept.isEmpty() ? "" : "; kept in " + kept.stream().map(Path::toString)
                    .collect(java.util.stream.Collectors.joining(", "))));
            return 1;
        }
        return 0;
    }
}

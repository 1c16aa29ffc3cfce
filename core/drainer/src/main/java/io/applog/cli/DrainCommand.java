package io.applog.cli;

import io.applog.drain.Drainer;
import io.applog.drain.DrainerOptions;
import io.applog.drain.Sink;
import io.applog.drain.Sinks;
import io.applog.internal.DrainerLockFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

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

    @picocli.CommandLine.Mixin
    LogfileOptions logfile;

    @Option(names = "--timeout-sec", defaultValue = "5", paramLabel = "S",
            description = "Exit this long after no writer is alive; 0 never exits. Default: ${DEFAULT-VALUE}.")
    int timeoutSec;

    @Option(names = "--reorder-ms", defaultValue = "100", paramLabel = "MS",
            description = "How long a record waits for older records of quieter writers. Default: ${DEFAULT-VALUE}.")
    long reorderMs;

    @Option(names = "--if-absent", hidden = true,
            description = "Exit 0 quietly if another drainer holds the queue.")
    boolean ifAbsent;

    @Override
    public Integer call() throws IOException, InterruptedException {
        DrainerOptions options = logfile.drainerOptions(spec, queue, timeoutSec, reorderMs);
        if (ifAbsent && DrainerLockFile.held(queue)) {
            return 0; // before the queue is mapped: one of several started at once exits cheaply
        }
        Sink sink = Sinks.create(options);
        LogfileOptions.reopenOnHangup(sink::reopen);
        Drainer drainer;
        try {
            drainer = Drainer.open(options, sink);
        } catch (IOException e) {
            if (ifAbsent && Drainer.isBusy(e)) {
                return 0;
            }
            throw e;
        }
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

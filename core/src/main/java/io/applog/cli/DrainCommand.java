package io.applog.cli;

import io.applog.drain.Drainer;
import io.applog.drain.DrainerOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** {@code applog drain}: merge every writer queue into one logfile until the heartbeat stops. */
@Command(name = "drain", mixinStandardHelpOptions = true,
        description = "Merge the writer queues under --queue into one logfile, in timestamp order,"
                + " exactly once; exit after no writer has been alive for --timeout-sec.")
final class DrainCommand implements Callable<Integer> {
    @Option(names = "--queue", required = true, paramLabel = "DIR", description = "Queue root directory.")
    Path queue;

    @Option(names = "--logfile", required = true, paramLabel = "FILE", description = "File to write.")
    Path logfile;

    @Option(names = "--format", defaultValue = "text", paramLabel = "text|json",
            description = "Line format: text or json (JSON Lines). Default: ${DEFAULT-VALUE}.")
    String format;

    @Option(names = "--timeout-sec", defaultValue = "5", paramLabel = "S",
            description = "Exit this long after no writer is alive; 0 never exits. Default: ${DEFAULT-VALUE}.")
    int timeoutSec;

    @Option(names = "--stdout", description = "Also write every line to standard output.")
    boolean stdout;

    @Option(names = "--reorder-ms", defaultValue = "100", paramLabel = "MS",
            description = "How long a record waits for older records of quieter writers. Default: ${DEFAULT-VALUE}.")
    long reorderMs;

    @Option(names = "--if-absent", hidden = true,
            description = "Exit 0 quietly if another drainer holds the queue.")
    boolean ifAbsent;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (!"text".equals(format) && !"json".equals(format)) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "Invalid value for option '--format': " + format + " (expected text or json)");
        }
        Drainer drainer;
        try {
            drainer = Drainer.open(new DrainerOptions(queue, logfile, format, timeoutSec, stdout, reorderMs));
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
        return 0;
    }
}

package io.applog.kafka.cli;

import io.applog.cli.LogfileOptions;
import io.applog.drain.DrainerOptions;
import io.applog.kafka.Collector;
import io.applog.kafka.CollectorOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.util.concurrent.Callable;

/** {@code applog collect}: every host's writers from a Kafka topic into one logfile ({@link Collector}). */
@Command(name = "collect", mixinStandardHelpOptions = true,
        description = "Merge every writer of every host shipped to a Kafka topic into one logfile, in timestamp order,"
                + " exactly once.")
final class CollectCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    KafkaOptions kafka;

    @Mixin
    LogfileOptions file;

    @Option(names = "--timeout-sec", defaultValue = "0", paramLabel = "S",
            description = "Exit once every writer has ended or been silent this long and all is written;"
                    + " 0 never exits. Default: ${DEFAULT-VALUE}.")
    int timeoutSec;

    @Option(names = "--reorder-ms", defaultValue = "100", paramLabel = "MS",
            description = "How long a silent writer holds back the others (at least 5000). Default: ${DEFAULT-VALUE}.")
    long reorderMs;

    @Option(names = "--from-beginning",
            description = "Without a checkpoint, read the topic from its start (default: from its end).")
    boolean fromBeginning;

    @Override
    public Integer call() throws IOException {
        DrainerOptions f = file.drainerOptions(spec, null, timeoutSec, reorderMs); // checked as drain checks them
        CollectorOptions options;
        try {
            options = new CollectorOptions(kafka.settings(spec.commandLine()), f.logfile(), f.format(), f.pattern(),
                    timeoutSec, reorderMs, fromBeginning, f.echoStdout(), f.rotation());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        Collector collector = Collector.open(options);
        LogfileOptions.reopenOnHangup(collector::reopen); // from here on: before, SIGHUP ends the JVM (exit 129)
        try (collector; StopHook hook = new StopHook(collector::stop, "applog-collect-stop")) {
            collector.run();
        }
        return 0;
    }
}

package io.applog.kafka.cli;

import io.applog.cli.LogfileOptions;
import io.applog.drain.DrainerGroup;
import io.applog.drain.DrainerOptions;
import io.applog.drain.Sink;
import io.applog.drain.Sinks;
import io.applog.kafka.KafkaSettings;
import io.applog.kafka.KafkaSink;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code applog ship}: a drainer of a queue dir whose sink is a Kafka topic ({@link KafkaSink}):
 * the same lock, discovery, checkpoint and heartbeat exit as {@code applog drain}. With
 * {@code --logfile} a second drainer writes the host's own file as {@code applog drain} would,
 * at its own pace ({@link DrainerGroup}).
 */
@Command(name = "ship", mixinStandardHelpOptions = true,
        description = "Ship every writer queue under --queue to a Kafka topic (exactly once with applog collect),"
                + " and with --logfile write this host's logfile as well; exit after no writer has been alive for"
                + " --timeout-sec.")
final class ShipCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--queue", required = true, paramLabel = "DIR",
            description = "Queue dir: the directory holding each process's writer queue.")
    Path queue;

    @Option(names = "--host", paramLabel = "NAME",
            description = "This host's name in every writer's identity. Default: the machine's host name.")
    String host;

    @Option(names = "--timeout-sec", defaultValue = "5", paramLabel = "S",
            description = "Exit this long after no writer is alive; 0 never exits. Default: ${DEFAULT-VALUE}.")
    int timeoutSec;

    @Option(names = "--reorder-ms", defaultValue = "100", paramLabel = "MS",
            description = "How long a record waits for older records of quieter writers. Default: ${DEFAULT-VALUE}.")
    long reorderMs;

    /** With {@code --logfile}: this host's file as well, written as {@code applog drain} would. */
    @Mixin
    LogfileOptions file;

    @Override
    public Integer call() throws IOException {
        KafkaSettings settings = kafka.settings(spec.commandLine());
        String name = host != null ? host : localHostName();
        boolean withFile = file.logfile() != null;
        DrainerOptions options = withFile ? file.drainerOptions(spec, queue, timeoutSec, reorderMs) : null;
        KafkaSink sink;
        try {
            sink = new KafkaSink(settings, name, reorderMs);
            if (!withFile) {
                options = new DrainerOptions(queue, null, "text", timeoutSec, false, reorderMs);
            }
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        List<Sink> sinks = List.of(sink);
        if (withFile) {
            Sink file = Sinks.create(options);
            LogfileOptions.reopenOnHangup(file::reopen);
            sinks = List.of(sink, file); // the topic's first: its checkpoint is drainer.checkpoint, as without a file
        }
        DrainerGroup drainers = DrainerGroup.open(options, sinks);
        try (drainers; StopHook hook = new StopHook(drainers::stop, "applog-ship-stop")) {
            drainers.run();
        }
        return 0;
    }

    static String localHostName() {
        try {
            String name = InetAddress.getLocalHost().getHostName();
            if (name != null && !name.isEmpty()) {
                return name;
            }
        } catch (IOException e) {
            // no resolvable name: the environment's, else "localhost"
        }
        String env = System.getenv("HOSTNAME");
        return env != null && !env.isEmpty() ? env : "localhost";
    }
}

package io.applog.kafka.cli;

import io.applog.cli.CatOptions;
import io.applog.cli.RecordPrinter;
import io.applog.kafka.TopicCat;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

/**
 * {@code applog cat --kafka HOST:PORT --topic TOPIC}: the records shipped to a topic, merged and
 * filtered like {@code applog cat --queue} prints a queue dir ({@link TopicCat}); nothing is
 * consumed or committed.
 */
@Command(name = "cat", mixinStandardHelpOptions = true,
        description = "Print the records shipped to a Kafka topic, every host merged in timestamp order, without"
                + " consuming them (no consumer group, nothing committed); -f keeps following.")
final class TopicCatCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    KafkaOptions kafka;

    @Mixin
    CatOptions options;

    @Override
    public Integer call() throws IOException {
        RecordPrinter printer = options.printer(spec,
                new OutputStreamWriter(new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8));
        TopicCat.run(kafka.settings(spec.commandLine()), options.follow(), printer);
        return 0;
    }
}

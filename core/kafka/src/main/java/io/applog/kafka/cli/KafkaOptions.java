package io.applog.kafka.cli;

import io.applog.kafka.KafkaSettings;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The options every Kafka command takes: servers, topic and client properties (a picocli mixin). */
final class KafkaOptions {
    @Option(names = "--kafka", required = true, paramLabel = "HOST:PORT[,...]",
            description = "Kafka bootstrap servers. Nothing goes over the network without this option.")
    String bootstrap;

    @Option(names = "--topic", required = true, paramLabel = "TOPIC", description = "The topic.")
    String topic;

    @Option(names = "--kafka-property", paramLabel = "KEY=VALUE",
            description = "A Kafka client property (TLS, SASL ...); repeatable. Values that can hold credentials are never printed.")
    List<String> properties = new ArrayList<>();

    @Option(names = "--kafka-config", paramLabel = "FILE",
            description = "A properties file of Kafka client properties (--kafka-property wins).")
    Path config;

    /** The settings, or a usage error naming what is wrong. */
    KafkaSettings settings(CommandLine cmd) throws IOException {
        try {
            return new KafkaSettings(bootstrap, topic, KafkaSettings.properties(config, properties));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cmd, "Invalid Kafka settings: " + e.getMessage());
        }
    }
}

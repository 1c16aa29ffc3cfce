package io.applog.kafka.cli;

import io.applog.ApplogSettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The commands that reach across hosts through Kafka: {@code applog ship} and {@code applog
 * collect}, and {@code applog cat --kafka}. A jar of its own ({@code core/kafka}), which {@code ./applog} runs for these
 * commands only, so that {@code applog drain} and the rest never load a Kafka class.
 */
@Command(name = "applog", mixinStandardHelpOptions = true, versionProvider = KafkaMain.Version.class,
        description = "Across hosts: ship each host's queues to a Kafka topic, collect the topic into one logfile,"
                + " print the topic.",
        subcommands = {ShipCommand.class, CollectCommand.class, TopicCatCommand.class, CommandLine.HelpCommand.class})
public final class KafkaMain implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        ApplogSettings.markToolProcess();
        // the Kafka client warns at every failed connection; the commands say once when the broker goes and comes back
        io.applog.bridge.Bridge.errorsOnly("org.apache.kafka");
        System.exit(io.applog.cli.Main.run(new KafkaMain(), args));
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required (ship, collect or cat)");
    }

    /** The version printed by {@code --version}. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[]{"applog " + io.applog.internal.Version.CURRENT};
        }
    }
}

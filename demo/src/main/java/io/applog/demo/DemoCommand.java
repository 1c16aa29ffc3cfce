package io.applog.demo;

import io.applog.Level;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code applog demo}: the options, checked once, then one {@link DemoRun}. */
@Command(name = "applog demo", mixinStandardHelpOptions = true, versionProvider = DemoCommand.Version.class,
        sortOptions = false,
        description = "Runs a sample application (process 'main') that starts N worker JVMs"
                + " ('worker-1' ...). Every process logs through SLF4J into its own queue in a fresh"
                + " private queue dir; the drainer that applog starts merges them by timestamp into one"
                + " logfile and stops once the heartbeat has stopped. Then a summary checks the file:"
                + " records per process, each worker's seq=1..M once and in order, timestamps never"
                + " going backwards.",
        footer = {"", "Exit codes: 0 the logfile holds what was logged; 1 it does not, or a runtime failure;"
                + " 2 bad usage."})
final class DemoCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--workers", paramLabel = "N", defaultValue = "3",
            description = "Worker JVMs to start, 1.." + DemoOptions.MAX_WORKERS + ". Default: ${DEFAULT-VALUE}.")
    int workers;

    @Option(names = "--messages", paramLabel = "M", defaultValue = "100",
            description = "Messages each worker logs, each containing seq=1..M (plus a few without seq)."
                    + " Default: ${DEFAULT-VALUE}.")
    int messages;

    @Option(names = "--logfile", paramLabel = "F", defaultValue = "applog.log",
            description = "Logfile the drainer appends to; the summary covers what this run added."
                    + " Default: ${DEFAULT-VALUE} in the current directory.")
    Path logfile;

    @Option(names = "--stdout",
            description = "Also echo the log to the terminal as the drainer writes it (the demo then starts"
                    + " the drainer itself: 'applog drain ... --stdout').")
    boolean stdout;

    @Option(names = "--log-level", paramLabel = "L", defaultValue = "DEBUG", converter = LevelConverter.class,
            description = "Threshold of every process: TRACE, DEBUG, INFO, WARN, ERROR or OFF. Messages below it"
                    + " are not logged (and not expected by the check). Default: ${DEFAULT-VALUE}.")
    Level level;

    @Option(names = "--timeout-sec", paramLabel = "S", defaultValue = "5",
            description = "The drainer stops this long after the last writer has gone, 1.."
                    + DemoOptions.MAX_TIMEOUT_SECONDS + ". Default: ${DEFAULT-VALUE}.")
    int timeoutSec;

    @Option(names = "--crash-worker", paramLabel = "K", defaultValue = "0",
            description = "Worker K halts abruptly half-way (Runtime.halt(137), like kill -9); the summary shows"
                    + " that its records up to the crash are in the file. Default: none.")
    int crashWorker;

    @Override
    public Integer call() throws Exception {
        return new DemoRun(options(), System.out, System.err).run();
    }

    /** The validated options. @throws CommandLine.ParameterException naming the bad option */
    DemoOptions options() {
        require(workers >= 1 && workers <= DemoOptions.MAX_WORKERS,
                "--workers=" + workers + " (expected 1.." + DemoOptions.MAX_WORKERS + ")");
        require(messages >= 1 && messages <= DemoOptions.MAX_MESSAGES,
                "--messages=" + messages + " (expected 1.." + DemoOptions.MAX_MESSAGES + ")");
        require(timeoutSec >= 1 && timeoutSec <= DemoOptions.MAX_TIMEOUT_SECONDS,
                "--timeout-sec=" + timeoutSec + " (expected 1.." + DemoOptions.MAX_TIMEOUT_SECONDS + ")");
        require(crashWorker >= 0 && crashWorker <= workers,
                "--crash-worker=" + crashWorker + " (expected 1.." + workers + ", one of the workers)");
        return new DemoOptions(workers, messages, logfile.toAbsolutePath().normalize(), stdout, level,
                timeoutSec, crashWorker);
    }

    private void require(boolean ok, String message) {
        if (!ok) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Invalid value: " + message);
        }
    }

    /** {@code --log-level}: applog's level names, case-insensitive. */
    static final class LevelConverter implements CommandLine.ITypeConverter<Level> {
        @Override
        public Level convert(String value) {
            try {
                return Level.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(
                        "'" + value + "' is not a level (expected TRACE, DEBUG, INFO, WARN, ERROR or OFF)");
            }
        }
    }

    /** The version printed by {@code --version}. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[]{"applog demo " + io.applog.internal.Version.CURRENT};
        }
    }
}

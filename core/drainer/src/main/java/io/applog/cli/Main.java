package io.applog.cli;

import io.applog.ApplogSettings;
import io.applog.internal.Queues;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code applog}: the command line. Exit codes: 0 done, 2 bad usage (picocli's message),
 * 1 a runtime failure with one line on stderr saying what and where.
 */
@Command(name = "applog", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Multi-process logging on memory-mapped queues: one ordered logfile.",
        subcommands = {DrainCommand.class, LogCommand.class, CatCommand.class, StatsCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        // applog's own processes never log into a queue: SLF4J output goes to stderr at WARN
        ApplogSettings.markToolProcess();
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code (for tests and launchers). */
    public static int run(String... args) {
        return run(new Main(), args);
    }

    /**
     * Runs {@code command} (a picocli command object: this one, or the command line of another
     * module such as {@code applog ship}) with applog's exit codes and one-line errors.
     */
    public static int run(Object command, String... args) {
        Queues.quietChronicle();
        if (command instanceof Main) {
            LogCommand plainLog = PlainLogArguments.parse(args);
            if (plainLog != null) {
                return PlainLogArguments.run(plainLog); // a shell's one record: no picocli model to build
            }
        }
        CommandLine cli = new CommandLine(command);
        cli.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            cmd.getErr().println("applog " + cmd.getCommandName() + ": " + describe(ex));
            return 1;
        });
        return cli.execute(args);
    }

    static String describe(Throwable ex) {
        String msg = ex.getMessage();
        return msg == null ? ex.getClass().getSimpleName() : msg;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }

    /** The version printed by {@code --version}. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[]{"applog " + io.applog.internal.Version.CURRENT};
        }
    }
}

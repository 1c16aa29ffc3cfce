package io.applog.demo;

import picocli.CommandLine;

import java.io.PrintWriter;

/**
 * Entry point of {@code ./applog demo} (the Main-Class of the demo's CLI jar). Exit codes: 0
 * the logfile holds what the run logged, 1 it does not or a runtime failure (one line on
 * stderr), 2 bad usage (picocli's message).
 */
public final class DemoLauncher {
    /** The word {@code ./applog} dispatches on; accepted (and skipped) as the first argument. */
    static final String COMMAND = "demo";

    private DemoLauncher() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /**
     * Runs the demo and returns its exit code. A run sets applog's system properties and opens
     * applog in this JVM as process {@code main}, so run one demo per JVM; bad usage and
     * {@code --help} have no side effects.
     */
    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** As {@link #run(String...)}, with picocli's usage and error messages sent to {@code out} and {@code err}. */
    static int run(PrintWriter out, PrintWriter err, String... args) {
        if (args.length > 0 && COMMAND.equals(args[0])) {
            // ./applog passes its whole command line, 'demo' included
            args = java.util.Arrays.copyOfRange(args, 1, args.length);
        }
        CommandLine cli = new CommandLine(new DemoCommand()).setOut(out).setErr(err);
        cli.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            cmd.getErr().println("applog demo: " + describe(ex));
            return 1;
        });
        return cli.execute(args);
    }

    private static String describe(Throwable ex) {
        String msg = ex.getMessage();
        if (msg == null) {
            return ex.getClass().getSimpleName();
        }
        // a plain IOException already says what and where; a subclass's name adds what went wrong
        return ex.getClass() == java.io.IOException.class ? msg : ex.getClass().getSimpleName() + ": " + msg;
    }
}

package io.applog.demo;

import io.applog.ApplogSettings;
import io.applog.Level;
import io.applog.internal.JvmFlags;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts the demo's child JVMs the way tinylog's tests do: the same java ({@code java.home}),
 * the same classpath ({@code java.class.path}), and the flags a process that maps a Chronicle
 * queue needs on JDK 17.
 */
final class ChildJvms {
    /** Module access Chronicle needs and Chronicle kept quiet: applog's flags file. */
    static final List<String> APPLOG_FLAGS = JvmFlags.ALL;
    /** A small heap, a quick start. */
    static final List<String> RUNTIME = List.of("-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto");
    private static final String CLI_MAIN = "io.applog.cli.Main";

    private ChildJvms() {
    }

    /**
     * Worker {@code index}: applog configured by system properties, no drainer of its own.
     * Stdout is a pipe (the ready/go protocol of {@link WorkerMain}), stderr is inherited.
     */
    static Process startWorker(Path queue, int index, int messages, int crashAfter, Level level)
            throws IOException {
        List<String> cmd = java();
        cmd.add("-D" + ApplogSettings.QUEUE + "=" + queue);
        cmd.add("-D" + ApplogSettings.PROCESS + "=" + WorkerPlan.processName(index));
        cmd.add("-D" + ApplogSettings.LEVEL + "=" + level.name());
        cmd.add("-D" + ApplogSettings.DRAINER + "=none");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(WorkerMain.class.getName());
        cmd.add(Integer.toString(index));
        cmd.add(Integer.toString(messages));
        cmd.add(Integer.toString(crashAfter));
        return new ProcessBuilder(cmd)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
    }

    /**
     * {@code applog drain ... --stdout} with stdout and stderr inherited: what drainer mode
     * {@code auto} would start, but echoing every line it writes to the terminal.
     */
    static Process startEchoingDrainer(Path queue, Path logfile, int timeoutSeconds) throws IOException {
        List<String> cmd = java();
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(CLI_MAIN);
        cmd.addAll(List.of("drain", "--queue", queue.toString(), "--logfile", logfile.toString(),
                "--timeout-sec", Integer.toString(timeoutSeconds), "--stdout"));
        return new ProcessBuilder(cmd)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
    }

    private static List<String> java() {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(APPLOG_FLAGS);
        cmd.addAll(RUNTIME);
        return cmd;
    }
}

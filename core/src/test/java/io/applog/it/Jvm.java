package io.applog.it;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts real child JVMs on the test classpath, with the flags applog needs. */
final class Jvm {
    static final List<String> FLAGS = java.util.stream.Stream.concat(
            io.applog.internal.JvmFlags.MODULE_ACCESS.stream(),
            java.util.stream.Stream.of("-Xshare:auto", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC")).toList();

    private Jvm() {
    }

    static List<String> command(Class<?> main, List<String> jvmArgs, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(FLAGS);
        cmd.addAll(jvmArgs);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(main.getName());
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** Starts {@code main} with stdout and stderr captured to files in {@code logs}. */
    static Process start(Path logs, String name, Class<?> main, List<String> jvmArgs, String... args)
            throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command(main, jvmArgs, args));
        pb.redirectOutput(logs.resolve(name + ".out").toFile());
        pb.redirectError(logs.resolve(name + ".err").toFile());
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        return pb.start();
    }

    /** Starts {@code applog drain} as a child JVM. */
    static Process drainer(Path logs, String name, Path queue, Path logfile, String... extra)
            throws IOException {
        List<String> args = new ArrayList<>(List.of("drain", "--queue", queue.toString(),
                "--logfile", logfile.toString()));
        args.addAll(List.of(extra));
        return start(logs, name, io.applog.cli.Main.class, List.of(), args.toArray(new String[0]));
    }

    static void signal(Process p, String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).start();
        if (kill.waitFor() != 0) {
            throw new IOException("kill -" + signal + " " + p.pid() + " failed");
        }
    }
}

package io.applog.it;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Starts real child JVMs on the test classpath, with the flags applog needs. */
final class Jvm {
    static final List<String> FLAGS = java.util.stream.Stream.concat(
            io.applog.internal.JvmFlags.ALL.stream(),
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
        return start(logs, name, main, jvmArgs, java.util.Map.of(), args);
    }

    /** As {@link #start(Path, String, Class, List, String...)}, with {@code env} added to the environment. */
    static Process start(Path logs, String name, Class<?> main, List<String> jvmArgs, java.util.Map<String, String> env,
                         String... args) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command(main, jvmArgs, args));
        pb.environment().putAll(env);
        pb.redirectOutput(logs.resolve(name + ".out").toFile());
        pb.redirectError(logs.resolve(name + ".err").toFile());
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        return pb.start();
    }

    /** Starts {@code applog drain} as a child JVM. */
    static Process drainer(Path logs, String name, Path queue, Path logfile, String... extra)
            throws IOException {
        return drainer(logs, name, List.of(), queue, logfile, extra);
    }

    /** Starts {@code applog drain} as a child JVM with extra JVM arguments. */
    static Process drainer(Path logs, String name, List<String> jvmArgs, Path queue, Path logfile, String... extra)
            throws IOException {
        List<String> args = new ArrayList<>(List.of("drain", "--queue", queue.toString(),
                "--logfile", logfile.toString()));
        args.addAll(List.of(extra));
        return start(logs, name, io.applog.cli.Main.class, jvmArgs, args.toArray(new String[0]));
    }

    /** Waits until {@code n} writer directories exist, so a drainer started now cannot time out first. */
    static void awaitWriters(Path queue, int n) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (Files.isDirectory(queue)) {
                try (var dirs = Files.list(queue)) {
                    if (dirs.filter(d -> d.getFileName().toString().startsWith("w-")).count() >= n) {
                        return;
                    }
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError(n + " writers did not start");
    }

    static void signal(Process p, String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).start();
        if (kill.waitFor() != 0) {
            throw new IOException("kill -" + signal + " " + p.pid() + " failed");
        }
    }
}

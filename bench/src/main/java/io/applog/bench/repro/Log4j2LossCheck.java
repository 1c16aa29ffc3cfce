package io.applog.bench.repro;

import io.applog.bench.peer.LineCounter;
import io.applog.bench.peer.Log4j2Setup;
import io.applog.bench.peer.Peers;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Does Log4j2 all-async deliver every message? For each Disruptor version under the lib
 * directory, and each thread count, a child JVM ({@link Log4j2LossChild}) logs
 * {@code threads x messages} {@code info} calls through the suite's Log4j2 configuration
 * ({@link Log4j2Setup}) and calls {@code LogManager.shutdown()}; then the lines of its file are
 * counted. A count, not a timing. Exit 0 when every child ran (whatever it lost), 1 when one
 * failed or timed out, 2 on bad usage.
 *
 * <p>The lib directory is what the bench build copies ({@code bench/target/log4j2-disruptor}):
 * {@code log4j/} with log4j-api and log4j-core, and one {@code disruptor-<version>/} directory
 * per Disruptor jar. A child's class path is this package's child class and {@link Log4j2Setup}
 * (copied out of the running jar into a temporary directory), the Log4j2 jars and one Disruptor
 * jar: the bench jar itself is not on it, since it carries the bench's own Disruptor.
 */
@Command(name = "Log4j2LossCheck", mixinStandardHelpOptions = true,
        description = "Counts the lines Log4j2 all-async loggers deliver with each Disruptor version.")
public final class Log4j2LossCheck implements Callable<Integer> {
    private static final long CHILD_TIMEOUT_SECONDS = 300;
    private static final String DISRUPTOR_DIR = "disruptor-";
    /** The classes a child needs, as resources of this JVM's class path. */
    private static final List<Class<?>> CHILD_CLASSES = List.of(Log4j2LossChild.class, Log4j2Setup.class);

    @Option(names = "--messages", description = "info calls per thread (default: ${DEFAULT-VALUE})")
    int messages = 300_000;

    @Option(names = "--threads", split = ",", description = "thread counts, in order (default: 2,1)")
    List<Integer> threads = List.of(2, 1);

    @Option(names = "--runs", description = "runs of each combination (default: ${DEFAULT-VALUE})")
    int runs = 1;

    @Option(names = "--lib", paramLabel = "DIR",
            description = "log4j/ and disruptor-<version>/ jars (default: log4j2-disruptor beside the bench jar)")
    Path lib;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Log4j2LossCheck()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (messages < 1 || runs < 1 || threads.stream().anyMatch(t -> t < 1)) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                    "messages=" + messages + " runs=" + runs + " threads=" + threads + " (each must be >= 1)");
        }
        Path libDir = lib != null ? lib : defaultLib();
        List<Path> log4j = jars(libDir.resolve("log4j"));
        List<Path> disruptors = versionDirs(libDir);
        if (log4j.isEmpty() || disruptors.isEmpty()) {
            System.err.println("Log4j2LossCheck: lib=" + libDir + " holds no log4j/*.jar or disruptor-*/ directory;"
                    + " build the bench module first: mvn -B -q -DskipTests -pl bench -am package");
            return 1;
        }
        Path work = Peers.tempDir("log4j2-loss");
        int failures = 0;
        try {
            Path classes = copyChildClasses(work.resolve("classes"));
            System.out.println("Log4j2 all-async (" + names(log4j) + "), " + messages + " info calls per thread,"
                    + " LogManager.shutdown(), then the file's lines counted");
            System.out.printf("%-16s %7s %9s %9s %9s%n", "disruptor", "threads", "logged", "lines", "lost");
            for (Path disruptor : disruptors) {
                for (int t : threads) {
                    for (int r = 0; r < runs; r++) {
                        failures += runOne(work, classes, log4j, disruptor, t) ? 0 : 1;
                    }
                }
            }
        } finally {
            Peers.delete(work);
        }
        return failures == 0 ? 0 : 1;
    }

    /** One child JVM; prints its row. False when it failed. */
    private boolean runOne(Path work, Path classes, List<Path> log4j, Path disruptorDir, int threadCount)
            throws IOException, InterruptedException {
        String version = disruptorDir.getFileName().toString().substring(DISRUPTOR_DIR.length());
        Path dir = Files.createTempDirectory(work, DISRUPTOR_DIR + version + "-t" + threadCount + "-");
        List<Path> classPath = new ArrayList<>();
        classPath.add(classes);
        classPath.addAll(log4j);
        List<Path> disruptorJars = jars(disruptorDir);
        classPath.addAll(disruptorJars);
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms1g", "-Xmx1g", "-cp",
                classPath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)),
                Log4j2LossChild.class.getName(), dir.toString(), Integer.toString(threadCount), Integer.toString(messages));
        Path out = dir.resolve("child.out");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        if (!p.waitFor(CHILD_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            p.waitFor();
            System.out.printf("%-16s %7d  child did not exit within %d s (killed)%n", version, threadCount, CHILD_TIMEOUT_SECONDS);
            return false;
        }
        String output = Files.readString(out);
        String loaded = value(output, "disruptor=");
        if (p.exitValue() != 0 || loaded == null
                || disruptorJars.stream().noneMatch(j -> loaded.endsWith(j.getFileName().toString()))) {
            System.out.printf("%-16s %7d  child failed: exit=%d disruptor=%s output=%s%n",
                    version, threadCount, p.exitValue(), loaded, output.strip());
            return false;
        }
        long logged = Long.parseLong(value(output, "logged="));
        long lines;
        try (LineCounter counter = new LineCounter(dir.resolve(Log4j2Setup.LOGFILE))) {
            lines = counter.count();
        }
        System.out.printf("%-16s %7d %9d %9d %9d%n", version, threadCount, logged, lines, logged - lines);
        return true;
    }

    private static String value(String output, String prefix) {
        for (String line : output.split("\n")) {
            if (line.startsWith(prefix)) {
                return line.substring(prefix.length()).strip();
            }
        }
        return null;
    }

    /** {@code log4j2-disruptor} beside the bench jar, or beside {@code target/classes}. */
    private static Path defaultLib() throws URISyntaxException {
        Path self = Path.of(Log4j2LossCheck.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return self.getParent().resolve("log4j2-disruptor");
    }

    /** Writes the class files of {@link #CHILD_CLASSES} under {@code dir}, by package. */
    private static Path copyChildClasses(Path dir) throws IOException {
        for (Class<?> c : CHILD_CLASSES) {
            String resource = c.getName().replace('.', '/') + ".class";
            Path target = dir.resolve(resource);
            Files.createDirectories(target.getParent());
            try (InputStream in = Log4j2LossCheck.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IOException("class file not found on the class path: resource=" + resource);
                }
                Files.copy(in, target);
            }
        }
        return dir;
    }

    private static List<Path> jars(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().collect(Collectors.toList());
        }
    }

    private static List<Path> versionDirs(Path lib) throws IOException {
        if (!Files.isDirectory(lib)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(lib)) {
            return s.filter(d -> d.getFileName().toString().startsWith(DISRUPTOR_DIR) && Files.isDirectory(d))
                    .sorted().collect(Collectors.toList());
        }
    }

    private static String names(List<Path> jars) {
        return jars.stream().map(j -> j.getFileName().toString()).collect(Collectors.joining(", "));
    }
}

package io.applog.archive;

import io.applog.internal.JvmFlags;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.Manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code ./applog} runs from a class-data archive of its jar, kept beside the jar: made in the
 * background on first use, mapped by the next runs, made again when the jar changes; stderr
 * stays empty throughout. The real script, run by bash in a copy of the checkout's layout whose
 * command-line jar is built from this build's classes (so the script has nothing to build).
 */
@Timeout(600)
class ScriptArchiveTest {
    private static final String CLI_JAR = "applog-drainer-0.1.0-cli.jar";
    private static final String ARCHIVE_NAME = "applog-drainer-0\\.1\\.0-cli\\.[0-9]+-[0-9]+\\.jsa";
    private static final long TRAINING_SECONDS = 300;

    @TempDir
    Path tmp;
    private Path script;
    private Path target;
    private List<Path> dependencies;

    @BeforeEach
    void copyTheCheckout() throws IOException {
        Path checkout = Files.createDirectory(tmp.resolve("checkout"));
        script = checkout.resolve("applog");
        Files.copy(realScript(), script);
        Files.writeString(checkout.resolve("pom.xml"), "<project>\n  <artifactId>applog-parent</artifactId>\n"
                + "  <version>0.1.0</version>\n</project>\n");
        Path flags = checkout.resolve("core/src/main/resources" + JvmFlags.RESOURCE);
        Files.createDirectories(flags.getParent());
        try (InputStream in = JvmFlags.class.getResourceAsStream(JvmFlags.RESOURCE)) {
            Files.copy(in, flags);
        }
        target = Files.createDirectories(checkout.resolve("core/drainer/target"));
        dependencies = new ArrayList<>(ClassPathJars.pack(Files.createDirectory(tmp.resolve("lib")), "drainer.jar"));
        dependencies.removeIf(p -> p.getFileName().toString().equals("drainer.jar"));
        writeCliJar(Map.of());
    }

    @Test
    void shouldMakeTheArchiveBesideTheJarUseItAndMakeItAgainWhenTheJarChanges() throws Exception {
        Path queue = tmp.resolve("queue");
        assertEquals(List.of("0", "", ""), applog(Map.of(), "log", "--queue", queue.toString(), "one"));
        Path archive = awaitTraining();
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(archive)));

        List<String> before = Proc.names(target);
        assertEquals(List.of("-XX:SharedArchiveFile=" + archive, "true"), logFromStdin(Map.of(), queue, 2, "two", archive));
        assertEquals(List.of("false"), logFromStdin(Map.of("APPLOG_CDS", "off"), queue, 3, "two, no archive", archive));
        assertEquals(before, Proc.names(target), "nothing made again");

        writeCliJar(Map.of("Built-By", "a later build"));
        assertEquals(List.of("0", "", ""), applog(Map.of(), "log", "--queue", queue.toString(), "three"));
        Path rebuilt = awaitTraining();
        assertNotEquals(archive, rebuilt);
        assertFalse(Files.exists(archive), "the old jar's archive is deleted");
        assertEquals(List.of("-XX:SharedArchiveFile=" + rebuilt, "true"), logFromStdin(Map.of(), queue, 5, "four", rebuilt));

        List<String> cat = applog(Map.of(), "cat", "--queue", queue.toString());
        assertEquals(List.of("0", ""), List.of(cat.get(0), cat.get(2)));
        List<String> messages = new ArrayList<>();
        for (String line : cat.get(1).split("\n")) {
            messages.add(line.substring(line.indexOf(" shell - ") + " shell - ".length()));
        }
        assertEquals(List.of("one", "two", "two, no archive", "three", "four"), messages);
    }

    /**
     * {@code applog log} reading stdin: while it runs (its {@code writers}-th writer directory
     * exists), its archive flags and, last, whether it maps {@code archive}; then {@code message}
     * as its one line. Asserts exit 0 and nothing on stdout or stderr.
     */
    private List<String> logFromStdin(Map<String, String> env, Path queue, int writers, String message, Path archive)
            throws Exception {
        Path out = tmp.resolve("stdin.out");
        Path err = tmp.resolve("stdin.err");
        Process p = bash(env, List.of("log", "--queue", queue.toString())).redirectOutput(out.toFile())
                .redirectError(err.toFile()).start();
        try {
            Proc.await(writers + " writer directories", 120, () -> Files.isDirectory(queue) && Proc.names(queue).stream()
                    .filter(n -> n.startsWith("w-")).count() == writers);
            List<String> seen = new ArrayList<>(Proc.args(p.pid(), "-XX:SharedArchiveFile="));
            assertEquals(List.of(), Proc.args(p.pid(), "-XX:TieredStopAtLevel"), "a stream of records runs on C2");
            seen.add(Boolean.toString(Proc.maps(p.pid(), archive)));
            try (OutputStream in = p.getOutputStream()) {
                in.write((message + "\n").getBytes(StandardCharsets.UTF_8));
            }
            Proc.await("applog log exits", 60, () -> !p.isAlive());
            assertEquals(List.of("0", "", ""), List.of(Integer.toString(p.exitValue()),
                    Files.readString(out), Files.readString(err)));
            return seen;
        } finally {
            p.destroyForcibly();
        }
    }

    /** Runs the script to its end: exit code, stdout, stderr. */
    private List<String> applog(Map<String, String> env, String... args) throws Exception {
        Path out = tmp.resolve("applog.out");
        Path err = tmp.resolve("applog.err");
        Process p = bash(env, List.of(args)).redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        try {
            Proc.await("applog " + String.join(" ", args) + " exits", 120, () -> !p.isAlive());
            return List.of(Integer.toString(p.exitValue()), Files.readString(out), Files.readString(err));
        } finally {
            p.destroyForcibly();
        }
    }

    /** bash on the script, with this JVM's java first on the PATH and no APPLOG_ settings but {@code env}. */
    private ProcessBuilder bash(Map<String, String> env, List<String> args) {
        List<String> cmd = new ArrayList<>(List.of("bash", script.toString()));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().keySet().removeIf(k -> k.startsWith("APPLOG_"));
        pb.environment().put("PATH", Path.of(System.getProperty("java.home"), "bin") + File.pathSeparator
                + pb.environment().getOrDefault("PATH", "/usr/bin:/bin"));
        pb.environment().putAll(env);
        return pb;
    }

    /** Waits until the training left exactly one archive and nothing else of its own; returns it. */
    private Path awaitTraining() throws InterruptedException {
        Proc.await("one archive and no training files in " + target, TRAINING_SECONDS,
                () -> Proc.names(target, ".jsa").size() == 1 && Proc.names(target).stream()
                        .noneMatch(n -> n.endsWith(".lock") || n.endsWith(".tmp") || n.endsWith(".failed")));
        String name = Proc.names(target, ".jsa").get(0);
        assertTrue(name.matches(ARCHIVE_NAME), name);
        return target.resolve(name);
    }

    /** The command-line jar: this build's command-line classes, its dependencies on the manifest's Class-Path. */
    private void writeCliJar(Map<String, String> extra) throws IOException {
        Manifest m = ClassPathJars.manifest("io.applog.cli.Main", dependencies);
        extra.forEach((k, v) -> m.getMainAttributes().putValue(k, v));
        ClassPathJars.write(ClassPathJars.drainerClasses(), target.resolve(CLI_JAR), m);
    }

    /** The repository's script: the first directory up from here with both {@code applog} and {@code pom.xml}. */
    private static Path realScript() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("applog")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir.resolve("applog");
            }
        }
        throw new AssertionError("no applog script above " + Path.of("").toAbsolutePath());
    }
}

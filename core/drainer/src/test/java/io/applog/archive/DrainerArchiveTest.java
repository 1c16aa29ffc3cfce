package io.applog.archive;

import io.applog.internal.JvmFlags;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The drainer that applog starts by itself runs from a class-data archive of the application's
 * class path, kept beside the applog-drainer jar: made in the background when there is none,
 * mapped by the next drainer, made again when the jar changes; nothing on stderr meanwhile.
 * Real processes: an application (ArchiveApp) on a class path of jars, its drainer, the training.
 */
@Timeout(600)
class DrainerArchiveTest {
    private static final String DRAINER_JAR = "applog-drainer-0.1.0.jar";
    private static final String ARCHIVE_NAME = "applog-drainer-0\\.1\\.0\\.[0-9a-f]{8}-[0-9a-f]{8}\\.jsa";
    private static final long TRAINING_SECONDS = 300;

    @TempDir
    Path tmp;

    /** What one run of the application showed. */
    private record Run(List<String> archiveFlags, boolean mapped, List<String> logLines, String stderr) {
    }

    @Test
    void shouldMakeTheArchiveBesideTheJarUseItAndMakeItAgainWhenTheJarChanges() throws Exception {
        Path lib = Files.createDirectory(tmp.resolve("lib"));
        String classPath = ClassPathJars.join(ClassPathJars.pack(lib, DRAINER_JAR));
        Path jar = lib.resolve(DRAINER_JAR);

        Run first = run("first", classPath, null);
        assertEquals(List.of(), first.archiveFlags(), "no archive yet: the drainer starts without one");
        Path archive = awaitTraining(lib);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(archive)));

        List<String> before = Proc.names(lib);
        Run second = run("second", classPath, archive);
        assertEquals(List.of("-XX:SharedArchiveFile=" + archive), second.archiveFlags());
        assertTrue(second.mapped(), "the drainer maps " + archive);
        assertEquals(before, Proc.names(lib), "nothing made again");

        ClassPathJars.write(ClassPathJars.drainerClasses(), jar, ClassPathJars.manifest("io.applog.cli.Main", List.of()));
        Run third = run("third", classPath, archive);
        assertEquals(List.of(), third.archiveFlags(), "the archive of the old jar is not given");
        assertFalse(third.mapped());
        Path rebuilt = awaitTraining(lib);
        assertNotEquals(archive, rebuilt);
        assertFalse(Files.exists(archive), "the old state's archive is deleted");

        Run fourth = run("fourth", classPath, rebuilt);
        assertEquals(List.of("-XX:SharedArchiveFile=" + rebuilt), fourth.archiveFlags());
        assertTrue(fourth.mapped(), "the drainer maps " + rebuilt);

        for (Run r : List.of(first, second, third, fourth)) {
            assertEquals("", r.stderr(), "stderr of the application and its drainer");
        }
        assertEquals(List.of("record first"), messages(first));
        assertEquals(List.of("record second"), messages(second));
        assertEquals(List.of("record third"), messages(third));
        assertEquals(List.of("record fourth"), messages(fourth));
    }

    private static List<String> messages(Run r) {
        List<String> out = new ArrayList<>();
        for (String line : r.logLines()) {
            out.add(line.substring(line.indexOf(" archive - ") + " archive - ".length()));
        }
        return out;
    }

    /**
     * Runs the application with its own queue and logfile until its drainer wrote the record,
     * reads the drainer's archive flags and whether it maps {@code archive}, then lets both end.
     */
    private Run run(String name, String classPath, Path archive) throws Exception {
        Path queue = tmp.resolve("queue-" + name);
        Path logfile = tmp.resolve(name + ".log");
        Path out = tmp.resolve(name + ".out");
        Path err = tmp.resolve(name + ".err");
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(JvmFlags.ALL);
        cmd.addAll(List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", classPath,
                ArchiveApp.class.getName(), queue.toString(), logfile.toString(), name));
        Process app = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            Proc.await(name + ": DRAINER line", 60, () -> read(out).contains("\n"));
            long pid = Long.parseLong(read(out).strip().substring("DRAINER ".length()));
            assertTrue(pid > 0, name + ": a drainer was started");
            Proc.await(name + ": the drainer wrote the record", 120, () -> read(logfile).endsWith("\n"));
            List<String> flags = Proc.args(pid, "-XX:SharedArchiveFile=");
            boolean mapped = archive != null && Proc.maps(pid, archive);
            try (OutputStream in = app.getOutputStream()) {
                in.write('\n');
            }
            Proc.await(name + ": the application exits", 60, () -> !app.isAlive());
            assertEquals(0, app.exitValue(), name + ": exit code");
            Optional<ProcessHandle> drainer = ProcessHandle.of(pid);
            Proc.await(name + ": the drainer exits", 60, () -> drainer.isEmpty() || !drainer.get().isAlive());
            return new Run(flags, mapped, Files.readAllLines(logfile), read(err));
        } finally {
            app.destroyForcibly();
        }
    }

    /** Waits until the training left exactly one archive and nothing else of its own; returns it. */
    private static Path awaitTraining(Path lib) throws InterruptedException {
        Proc.await("one archive and no training files in " + lib, TRAINING_SECONDS,
                () -> Proc.names(lib, ".jsa").size() == 1 && Proc.names(lib).stream()
                        .noneMatch(n -> n.endsWith(".lock") || n.endsWith(".tmp") || n.endsWith(".failed")));
        String name = Proc.names(lib, ".jsa").get(0);
        assertTrue(name.matches(ARCHIVE_NAME), name);
        return lib.resolve(name);
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

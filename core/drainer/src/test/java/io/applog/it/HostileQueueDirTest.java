package io.applog.it;

import io.applog.cli.Main;
import io.applog.testing.ChildProcessTest;
import io.applog.writer.WriterDirectory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Garbage, truncated and foreign files, queue-like directories that are not writers' and
 * symlinks in the queue root next to real writers: the drainer and {@code cat} skip each with
 * one line on stderr, never stall on them, never write through a symlink, never delete what is
 * not a drained writer's, and read the real writers completely.
 */
class HostileQueueDirTest extends ChildProcessTest {
    Path queue;
    Path outside;

    @BeforeEach
    void setUp() throws IOException {
        queue = Files.createDirectory(tmp.resolve("q"));
        outside = Files.createDirectory(tmp.resolve("outside"));
    }

    @Test
    void shouldSkipEachHostileEntryWithOneWarningAndReadTheRealWritersCompletely() throws Exception {
        List<String> warnings = plantHostileEntries();
        Map<Path, byte[]> outsideBefore = snapshot(outside);
        List<Path> planted = list(queue);

        Process real = children.start("real", CheckedWriterMain.class, List.of(), queue.toString(), "real",
                "2000", "500", "100");
        children.awaitWriters(queue, 9);
        Process drainer = children.drainer("drainer", queue, tmp.resolve("app.log"), "--timeout-sec", "1");
        assertEquals(0, children.exit(real, "real", 60), children.stderr("real"));
        assertEquals(0, children.exit(drainer, "drainer", 20), children.stderr("drainer"));
        CheckedLog log = CheckedLog.read(tmp.resolve("app.log"), CheckedRecords.VARYING, "drainer: ");
        log.assertExactly("real", 2000);
        assertEquals(List.of("real"), List.copyOf(log.seqs.keySet()));
        assertEquals(warnings, sortedLines(children.stderr("drainer")));

        Process late = children.start("late", CheckedWriterMain.class, List.of(), queue.toString(), "late", "300");
        assertEquals(0, children.exit(late, "late", 60), children.stderr("late"));
        Process cat = children.start("cat", Main.class, List.of(), "cat", "--queue", queue.toString());
        assertEquals(0, children.exit(cat, "cat", 20), children.stderr("cat"));
        CheckedLog shown = CheckedLog.read(tmp.resolve("cat.out"), CheckedRecords.VARYING, "cat: ");
        shown.assertExactly("late", 300);
        assertEquals(List.of("late"), List.copyOf(shown.seqs.keySet()));
        assertEquals(warnings, sortedLines(children.stderr("cat")));

        Map<Path, byte[]> outsideAfter = snapshot(outside);
        assertEquals(outsideBefore.keySet(), outsideAfter.keySet());
        for (Path p : outsideBefore.keySet()) {
            assertArrayEquals(outsideBefore.get(p), outsideAfter.get(p), "written through a symlink: " + p);
        }
        List<Path> left = list(queue);
        assertTrue(left.containsAll(planted), "removed what was not a drained writer's: " + planted + " -> " + left);
    }

    /**
     * Puts the hostile entries in the queue root (and their symlinks' targets outside it);
     * returns the warning each must give, sorted.
     */
    private List<String> plantHostileEntries() throws Exception {
        Path source = sourceWriterDirectory();
        Path meta = source.resolve("metadata.cq4t");
        Path cq4;
        try (var files = Files.list(source)) {
            cq4 = files.filter(f -> f.toString().endsWith(".cq4")).findFirst().orElseThrow();
        }
        String cycle = cq4.getFileName().toString();
        byte[] cq4Bytes = Files.readAllBytes(cq4);
        byte[] truncated = Arrays.copyOf(cq4Bytes, 100_000);
        WriterDirectory src = WriterDirectory.parse(source);
        List<String> w = new ArrayList<>();

        Files.write(queue.resolve("garbage.bin"), "\u0000\u00ff not a queue \u001b[2J".getBytes(StandardCharsets.UTF_8));
        w.add(warning("garbage.bin", "not a writer queue directory"));
        Files.write(queue.resolve(cycle), truncated);
        w.add(warning(cycle, "not a writer queue directory"));
        Files.createDirectory(queue.resolve("w-123-456"));
        w.add(waiting("w-123-456", "no queue in it"));
        Path garbled = Files.createDirectory(queue.resolve("w-124-457"));
        Files.copy(meta, garbled.resolve("metadata.cq4t"));
        Files.writeString(garbled.resolve(cycle), "this is not a queue file\n".repeat(100));
        w.add(warning("w-124-457", cycle + " in it is not a Chronicle queue file"));
        Path copied = Files.createDirectory(queue.resolve("w-125-458"));
        Files.copy(meta, copied.resolve("metadata.cq4t"));
        Files.write(copied.resolve(cycle), truncated);
        w.add(warning("w-125-458", "its HELLO is of pid " + src.pid() + " started at " + src.startMillis()
                + ", not of the process its name gives (a copied or foreign queue)"));
        Path dirTarget = Files.createDirectory(outside.resolve("dir"));
        Files.copy(meta, dirTarget.resolve("metadata.cq4t"));
        Files.write(dirTarget.resolve(cycle), cq4Bytes);
        Files.createSymbolicLink(queue.resolve("w-126-459"), dirTarget);
        w.add(warning("w-126-459", "a symbolic link (not followed)"));
        Files.write(outside.resolve("file"), cq4Bytes);
        Files.createSymbolicLink(queue.resolve("w-127-460"), outside.resolve("file"));
        w.add(warning("w-127-460", "a symbolic link (not followed)"));
        Path linkedCycle = Files.createDirectory(queue.resolve("w-128-461"));
        Files.copy(meta, linkedCycle.resolve("metadata.cq4t"));
        Files.write(outside.resolve("cycle.cq4"), cq4Bytes);
        Files.createSymbolicLink(linkedCycle.resolve(cycle), outside.resolve("cycle.cq4"));
        w.add(warning("w-128-461", cycle + " in it is not a regular file"));
        Path linkedMeta = Files.createDirectory(queue.resolve("w-129-462"));
        Files.copy(meta, outside.resolve("metadata.cq4t"));
        Files.createSymbolicLink(linkedMeta.resolve("metadata.cq4t"), outside.resolve("metadata.cq4t"));
        Files.write(linkedMeta.resolve(cycle), cq4Bytes);
        w.add(warning("w-129-462", "metadata.cq4t in it is not a regular file"));
        Path empty = Files.createDirectory(queue.resolve("w-130-463"));
        Files.copy(meta, empty.resolve("metadata.cq4t"));
        Files.createFile(empty.resolve(cycle));
        w.add(waiting("w-130-463", cycle + " in it has no complete Chronicle header"));
        // left there a minute ago: not a writer still creating its queue
        FileTime before = FileTime.from(Instant.now().minusSeconds(60));
        for (String dir : List.of("w-123-456", "w-130-463")) {
            Files.setLastModifiedTime(queue.resolve(dir), before);
        }
        w.sort(null);
        return w;
    }

    /** A writer directory that is still no queue long after it was made: not read, kept, looked at again when it changes. */
    private String waiting(String entry, String why) {
        return "applog: waiting for " + queue.resolve(entry) + ": " + why + " (for more than 10 s; read once it changes)";
    }

    private String warning(String entry, String why) {
        return "applog: skipping " + queue.resolve(entry) + ": " + why;
    }

    /** A real writer's queue directory (a writer of 2,000 records, run to its end). */
    private Path sourceWriterDirectory() throws Exception {
        Path src = tmp.resolve("src");
        Process w = children.start("src", WriterMain.class, List.of(), src.toString(), "src", "2000");
        assertEquals(0, children.exit(w, "src", 60), children.stderr("src"));
        try (var dirs = Files.list(src)) {
            return dirs.filter(d -> WriterDirectory.parse(d) != null).findFirst().orElseThrow();
        }
    }

    private static Map<Path, byte[]> snapshot(Path dir) throws IOException {
        Map<Path, byte[]> all = new TreeMap<>();
        try (var files = Files.walk(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
                    all.put(f, Files.readAllBytes(f));
                }
            }
        }
        return all;
    }

    private static List<Path> list(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }

    private static List<String> sortedLines(String text) {
        return text.lines().sorted().toList();
    }
}

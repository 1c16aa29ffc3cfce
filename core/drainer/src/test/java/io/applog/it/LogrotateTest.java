package io.applog.it;

import io.applog.testing.ChildProcessTest;

import io.applog.testing.Children;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * logrotate's two modes, done by the test itself while a drainer writes 30,000 records from
 * three writer processes: {@code create} (rename, a new empty file, then {@code kill -HUP} in
 * {@code postrotate}), a rename the drainer must notice by itself, and {@code copytruncate}
 * (copy, then truncate to 0). Every record is in the rotated file or the new one exactly once,
 * in order; the new file never starts with NUL bytes; the drainer exits 0 and its checkpoint
 * names the file at the path with its length.
 */
class LogrotateTest extends ChildProcessTest {
    private static final int WRITERS = 3;
    private static final int PER_WRITER = 10_000;

    private Path queue;
    private Path logfile;
    private Path rotated;
    private Process drainer;
    private final java.util.List<Process> writers = new java.util.ArrayList<>();

    /** Starts the writers and the drainer; returns once the drainer has written {@code lines} lines. */
    private void startAndWaitFor(int lines) throws Exception {
        queue = tmp.resolve("q");
        logfile = tmp.resolve("app.log");
        rotated = tmp.resolve("app.log.1");
        for (int i = 1; i <= WRITERS; i++) {
            writers.add(children.start("w" + i, CheckedWriterMain.class, List.of(), queue.toString(), "w" + i,
                    Integer.toString(PER_WRITER), "200", "50"));
        }
        children.awaitWriters(queue, WRITERS);
        drainer = children.drainer("drainer", queue, logfile, "--timeout-sec", "2");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (lineCount(logfile) < lines) {
            if (System.nanoTime() > deadline || !drainer.isAlive()) {
                fail("the drainer wrote " + lineCount(logfile) + " lines, not " + lines + "; stderr: "
                        + children.stderr("drainer"));
            }
            Thread.sleep(20);
        }
    }

    private static long lineCount(Path file) throws IOException {
        if (!Files.exists(file)) {
            return 0;
        }
        long n = 0;
        for (byte b : Files.readAllBytes(file)) {
            if (b == '\n') {
                n++;
            }
        }
        return n;
    }

    /** Waits for the writers and the drainer; checks every record once across both files, in order. */
    private void assertEveryRecordOnce(String mode) throws Exception {
        for (int i = 1; i <= WRITERS; i++) {
            assertEquals(0, children.exit(writers.get(i - 1), "w" + i, 180), children.stderr("w" + i));
        }
        assertEquals(0, children.exitWhileGrowing(drainer, "drainer", logfile, 60, mode + ": "),
                mode + ": " + children.stderr("drainer"));
        assertEquals("", children.stderr("drainer"), mode);
        byte[] now = Files.readAllBytes(logfile);
        assertTrue(now.length > 0, mode + ": nothing written after the rotation");
        assertTrue(now[0] != 0, mode + ": the logfile starts with a NUL byte");
        for (byte b : now) {
            if (b == 0) {
                fail(mode + ": a NUL byte in the logfile");
            }
        }
        Path both = tmp.resolve("both.log");
        try (OutputStream out = Files.newOutputStream(both)) {
            Files.copy(rotated, out);
            Files.copy(logfile, out);
        }
        CheckedLog log = CheckedLog.read(both, CheckedRecords.VARYING, mode + ": ");
        for (int i = 1; i <= WRITERS; i++) {
            log.assertExactly("w" + i, PER_WRITER);
        }
        assertEquals(WRITERS * PER_WRITER, log.records, mode);
        String checkpoint = Files.readString(queue.resolve("drainer.checkpoint"));
        String key = java.net.URLEncoder.encode(Files.readAttributes(logfile,
                java.nio.file.attribute.BasicFileAttributes.class).fileKey().toString(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(checkpoint.contains("\nsink file " + now.length + " ") && checkpoint.contains(" " + key + "\n"),
                mode + ": the checkpoint names the file at the path and its length: " + checkpoint);
        System.out.println("LogrotateTest " + mode + ": " + lineCount(rotated) + " lines rotated, " + lineCount(logfile) + " after");
    }

    @Test
    void shouldReopenTheLogfileOnSighupAfterLogrotateRenamedItAndCreatedANewOne() throws Exception {
        startAndWaitFor(3_000);
        Files.move(logfile, rotated);
        Files.createFile(logfile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Children.signal(drainer, "HUP"); // postrotate
        assertEveryRecordOnce("create + HUP");
    }

    @Test
    void shouldNoticeByItselfThatLogrotateRenamedTheLogfile() throws Exception {
        startAndWaitFor(3_000);
        Files.move(logfile, rotated); // nocreate, no signal
        long renamed = System.nanoTime();
        long deadline = renamed + TimeUnit.SECONDS.toNanos(60);
        while (lineCount(logfile) == 0) {
            assertTrue(System.nanoTime() < deadline && drainer.isAlive(), "no new logfile; stderr: " + children.stderr("drainer"));
            Thread.sleep(5);
        }
        System.out.println("LogrotateTest rename: a new logfile after " + (System.nanoTime() - renamed) / 1_000_000 + " ms");
        assertEveryRecordOnce("rename");
    }

    /**
     * copytruncate: logrotate copies the file, then truncates it; a line written in between is
     * in neither file (its manual says so). The drainer is paused around the two steps to close
     * that window (at a line's end), so that what the drainer does about the truncation, by
     * itself, is what is measured.
     */
    @Test
    void shouldGoOnAtTheStartOfALogfileTruncatedUnderItWithoutNulBytes() throws Exception {
        startAndWaitFor(3_000);
        for (int attempt = 1; ; attempt++) {
            Children.signal(drainer, "STOP");
            awaitStopped(drainer);
            byte[] all = Files.readAllBytes(logfile);
            if (all.length > 0 && all[all.length - 1] == '\n') {
                break;
            }
            Children.signal(drainer, "CONT"); // stopped inside a line: try again
            assertTrue(attempt < 100, "never stopped at a line's end");
            Thread.sleep(7);
        }
        Files.copy(logfile, rotated);
        try (FileChannel ch = FileChannel.open(logfile, StandardOpenOption.WRITE)) {
            ch.truncate(0);
        }
        Children.signal(drainer, "CONT");
        assertEveryRecordOnce("copytruncate");
        assertFalse(Files.readString(logfile).isEmpty());
    }

    private static void awaitStopped(Process p) throws Exception {
        Path stat = Path.of("/proc", Long.toString(p.pid()), "stat");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            String s = Files.readString(stat);
            if (s.substring(s.lastIndexOf(')') + 2).startsWith("T")) {
                return;
            }
            assertTrue(System.nanoTime() < deadline, "not stopped: " + s);
            Thread.sleep(1);
        }
    }
}

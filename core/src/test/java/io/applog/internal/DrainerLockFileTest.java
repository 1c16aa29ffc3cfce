package io.applog.internal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The drainer lock file's line, the probe that reads it instead of taking the lock, and the give-up note. */
class DrainerLockFileTest {
    /** Above pid_max: no such process. */
    private static final long GONE_PID = 4_194_304 + 23;

    @TempDir
    Path root;

    @Test
    void shouldFindNoDrainerWithoutAFileOrALine() throws Exception {
        assertFalse(DrainerLockFile.held(root));
        Files.createFile(root.resolve(DrainerLockFile.NAME));
        assertNull(DrainerLockFile.holder(root));
        assertFalse(DrainerLockFile.held(root), "an empty file: a drainer writes its line right after locking");
        Files.writeString(root.resolve(DrainerLockFile.NAME), "garbage\n");
        assertFalse(DrainerLockFile.held(root));
    }

    @Test
    void shouldJudgeTheHolderByItsPidAndStartTimeWithoutTakingTheLock() throws Exception {
        ProcessIdentity me = ProcessIdentity.current();
        Path file = root.resolve(DrainerLockFile.NAME);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = ch.tryLock()) {
            assertTrue(lock.isValid());
            // taking the lock again in this JVM would throw: the probe must not try
            Files.writeString(file, DrainerLockFile.content(me));
            assertEquals(new DrainerLockFile.Holder(me.pid(), me.startMillis(), me.host(), me.pidNamespace(), false),
                    DrainerLockFile.holder(root));
            assertTrue(DrainerLockFile.held(root), "this process, alive");
            Files.writeString(file, DrainerLockFile.released(me));
            assertEquals(new DrainerLockFile.Holder(me.pid(), me.startMillis(), me.host(), me.pidNamespace(), true),
                    DrainerLockFile.holder(root));
            assertFalse(DrainerLockFile.held(root), "this process, alive, but it let the lock go");
            Files.writeString(file, me.pid() + " " + (me.startMillis() - 60_000) + " " + me.host() + " "
                    + me.pidNamespace() + "\n");
            assertFalse(DrainerLockFile.held(root), "same pid, another start time: a reused pid");
            Files.writeString(file, GONE_PID + " 1000 " + me.host() + " " + me.pidNamespace() + "\n");
            assertFalse(DrainerLockFile.held(root), "a dead holder");
            Files.writeString(file, me.pid() + "\n");
            assertTrue(DrainerLockFile.held(root), "an older version's line: pid only");
            Files.writeString(file, GONE_PID + "\n");
            assertFalse(DrainerLockFile.held(root));
        }
    }

    @Test
    void shouldTakeTheLockOnlyToProbeAHolderInAnotherPidNamespace() throws Exception {
        Path file = root.resolve(DrainerLockFile.NAME);
        Files.writeString(file, "4242 1000 " + ProcessIdentity.current().host() + " pid:[1]\n");
        assertFalse(DrainerLockFile.held(root), "not locked: nobody holds it");
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE); FileLock lock = ch.tryLock()) {
            assertTrue(lock.isValid());
            assertTrue(DrainerLockFile.held(root), "locked (here, by this JVM)");
        }
    }

    @Test
    void shouldWriteAndReadTheGiveUpNoteWhole() throws Exception {
        GaveUpFile.Note note = new GaveUpFile.Note(Instant.parse("2026-11-25T05:07:12.345Z"), 4242, 1_764_047_232_000L,
                5, 60, "1", "my app = main");
        GaveUpFile.write(root, note);
        assertEquals("time=2026-11-25T05:07:12.345Z pid=4242 start=1764047232000 starts=5 seconds=60 lastExit=1"
                + " process=my app = main\n", Files.readString(root.resolve(GaveUpFile.NAME)));
        assertEquals(note, GaveUpFile.read(root));
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(root.resolve(GaveUpFile.NAME))));
        try (var left = Files.list(root)) {
            assertEquals(1, left.count(), "no temp file left");
        }
        Files.writeString(root.resolve(GaveUpFile.NAME), "time=yesterday pid=1 process=x\n");
        assertNull(GaveUpFile.read(root));
    }
}

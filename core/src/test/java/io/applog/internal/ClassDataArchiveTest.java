package io.applog.internal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Where an archive may be, which file is used, and what a failed or locked training leaves. */
@Timeout(300)
class ClassDataArchiveTest {
    private static final List<String> FLAGS = List.of("-XX:+UseSerialGC");

    @TempDir
    Path tmp;

    private Path jar(String name, String content) throws IOException {
        return Files.writeString(tmp.resolve(name), content);
    }

    @Test
    void shouldTakeOnlyClassPathsOfFiles() throws IOException {
        Path a = jar("a.jar", "a");
        assertNull(ClassDataArchive.of(tmp, "x", a + File.pathSeparator + tmp, FLAGS), "a directory");
        assertNull(ClassDataArchive.of(tmp, "x", a + File.pathSeparator, FLAGS), "an empty entry (the working directory)");
        assertNull(ClassDataArchive.of(tmp, "x", tmp.resolve("missing.jar").toString(), FLAGS), "a missing jar");
        ClassDataArchive archive = ClassDataArchive.of(tmp, "x", a.toString(), FLAGS);
        assertTrue(archive.file().getFileName().toString().matches("x\\.[0-9a-f]{8}-[0-9a-f]{8}\\.jsa"),
                archive.file().toString());
        assertEquals(tmp, archive.file().getParent());
    }

    @Test
    void shouldNameTheClassPathAndFlagsInTheIdAndTheJarsStateInTheState() throws IOException {
        Path a = jar("a.jar", "a");
        String first = ClassDataArchive.of(tmp, "x", a.toString(), FLAGS).file().getFileName().toString();
        assertEquals(first, ClassDataArchive.of(tmp, "x", a.toString(), FLAGS).file().getFileName().toString());

        String otherFlags = ClassDataArchive.of(tmp, "x", a.toString(), List.of("-Xmx64m")).file().getFileName().toString();
        assertNotEquals(id(first), id(otherFlags));

        Files.setLastModifiedTime(a, FileTime.fromMillis(Files.getLastModifiedTime(a).toMillis() - 5_000));
        String touched = ClassDataArchive.of(tmp, "x", a.toString(), FLAGS).file().getFileName().toString();
        assertEquals(id(first), id(touched));
        assertNotEquals(first, touched);
    }

    private static String id(String name) {
        return name.substring(0, name.indexOf('-'));
    }

    @Test
    void shouldUseOnlyAPrivateRegularFile() throws IOException {
        ClassDataArchive archive = ClassDataArchive.of(tmp, "x", jar("a.jar", "a").toString(), FLAGS);
        assertFalse(archive.usable(), "missing");
        assertEquals(List.of(), archive.runFlags());

        Path real = jar("elsewhere.jsa", "archive");
        Files.createSymbolicLink(archive.file(), real);
        assertFalse(archive.usable(), "a symlink");
        Files.delete(archive.file());

        Files.writeString(archive.file(), "archive");
        Files.setPosixFilePermissions(archive.file(), PosixFilePermissions.fromString("rw-rw----"));
        assertFalse(archive.usable(), "writable by the group");
        Files.setPosixFilePermissions(archive.file(), PosixFilePermissions.fromString("rw-------"));
        assertTrue(archive.usable());
        assertEquals(List.of("-XX:SharedArchiveFile=" + archive.file(), "-Xshare:auto", "-Xlog:cds*=off"),
                archive.runFlags());
    }

    @Test
    void shouldKeepArchivesOutOfHomeAndOutOfDirectoriesEveryoneWrites() throws IOException {
        Path lib = Files.createDirectory(tmp.resolve("lib"));
        Path jar = Files.writeString(lib.resolve("applog-drainer.jar"), "jar");
        assertEquals(lib.toRealPath(), ClassDataArchive.directoryBeside(jar));

        Files.setPosixFilePermissions(lib, PosixFilePermissions.fromString("rwxrwxrwx"));
        assertNull(ClassDataArchive.directoryBeside(jar), "world-writable");
        Files.setPosixFilePermissions(lib, PosixFilePermissions.fromString("rwx------"));

        assertNull(ClassDataArchive.directoryBeside(lib), "not a jar file");
        String home = System.getProperty("user.home");
        try {
            System.setProperty("user.home", tmp.toString());
            assertNull(ClassDataArchive.directoryBeside(jar), "under user.home");
        } finally {
            System.setProperty("user.home", home);
        }
    }

    @Test
    void shouldLeaveAFailureMarkAndNoArchiveWhenTrainingFails() throws Exception {
        // a class path without the training class: the training run exits 1
        ClassDataArchive archive = ClassDataArchive.of(tmp, "x", jar("a.jar", "not a jar").toString(), FLAGS);
        Path old = Files.writeString(tmp.resolve(id(archive.file().getFileName().toString()) + "-00000000.jsa"), "old");

        assertFalse(archive.create(TimeUnit.SECONDS.toMillis(120)));

        String name = archive.file().getFileName().toString();
        assertEquals(List.of("a.jar", name + ".failed"), names(), "no archive, no .tmp, no lock; the old state's archive deleted");
        assertFalse(Files.exists(old));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp.resolve(name + ".failed"))));
        assertNull(archive.createInBackground(), "not again within the hour");
    }

    @Test
    void shouldNotTrainWhileAnotherProcessHoldsTheLockButReplaceAStaleLock() throws Exception {
        ClassDataArchive archive = ClassDataArchive.of(tmp, "x", jar("a.jar", "not a jar").toString(), FLAGS);
        Path lock = tmp.resolve(archive.file().getFileName() + ".lock");
        Files.createFile(lock);
        assertNull(archive.createInBackground(), "a fresh lock: another process is training");
        assertEquals(List.of("a.jar", lock.getFileName().toString()), names());

        Files.setLastModifiedTime(lock, FileTime.fromMillis(System.currentTimeMillis()
                - ClassDataArchive.LOCK_STALE_MILLIS - 60_000));
        Process training = archive.createInBackground();
        assertTrue(training != null && training.waitFor(120, TimeUnit.SECONDS), "a stale lock is taken over");
        assertEquals(List.of("a.jar", archive.file().getFileName() + ".failed"), names());
    }

    private List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(tmp)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }
}

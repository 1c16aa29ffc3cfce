package io.applog.internal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SecureFilesTest {
    @TempDir
    Path tmp;

    /** Writers of one application start together and all create the queue root: none may fail. */
    @Test
    void concurrentCreatorsOfTheSameDirectoryAllSucceed() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < 300; round++) {
                Path dir = tmp.resolve("r" + round).resolve("queue");
                CountDownLatch go = new CountDownLatch(1);
                List<Future<?>> creators = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    creators.add(pool.submit(() -> {
                        assertTrue(go.await(10, TimeUnit.SECONDS), "no go within 10 s");
                        SecureFiles.createDirectories(dir);
                        return null;
                    }));
                }
                go.countDown();
                for (Future<?> f : creators) {
                    f.get(10, TimeUnit.SECONDS); // an exception here is the race
                }
                assertTrue(Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS));
                assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aFileOrSymlinkInThePlaceOfTheDirectoryIsRefused() throws IOException {
        Path file = Files.createFile(tmp.resolve("file"));
        IOException e = assertThrows(IOException.class, () -> SecureFiles.createDirectories(file));
        assertEquals(file + " exists and is not a directory", e.getMessage());
        Path link = Files.createSymbolicLink(tmp.resolve("link"), Files.createDirectory(tmp.resolve("target")));
        e = assertThrows(IOException.class, () -> SecureFiles.createDirectories(link));
        assertEquals(link + " exists and is not a directory", e.getMessage());
    }
}

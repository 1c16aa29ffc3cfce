package io.applog.it;

import io.applog.cli.Main;
import io.applog.internal.DrainerLockFile;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Checks for a drainer in a tight loop, as operators and other writers do:
 * {@code StatsLoopMain <base> <stopFile>}. One thread runs {@code applog stats --queue DIR},
 * another the check every writer makes on open and on each heartbeat
 * ({@link DrainerLockFile#held}), on every {@code <base>/q-*} whose drainer has not written
 * its checkpoint yet (so the calls fall on drainers that are starting), until {@code stopFile}
 * exists. Then prints "stats N", "probes M" and "failed F" (stats calls that did not exit 0).
 */
public final class StatsLoopMain {
    /** Checks of one queue dir between two listings of the base directory. */
    private static final int PROBES_PER_LISTING = 20;

    private StatsLoopMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path base = Path.of(args[0]);
        Path stop = Path.of(args[1]);
        PrintStream out = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        AtomicLong probes = new AtomicLong();
        Thread prober = new Thread(() -> {
            while (!Files.exists(stop)) {
                for (Path q : starting(base)) {
                    for (int i = 0; i < PROBES_PER_LISTING; i++) {
                        DrainerLockFile.held(q);
                    }
                    probes.addAndGet(PROBES_PER_LISTING);
                }
            }
        }, "prober");
        prober.start();
        long calls = 0;
        long failed = 0;
        while (!Files.exists(stop)) {
            for (Path q : starting(base)) {
                calls++;
                if (Main.run("stats", "--queue", q.toString()) != 0) {
                    failed++;
                }
            }
        }
        prober.join();
        out.println("stats " + calls);
        out.println("probes " + probes.get());
        out.println("failed " + failed);
        out.flush();
    }

    /** The queue dirs under {@code base} without a checkpoint; parks a millisecond if there are none. */
    private static List<Path> starting(Path base) {
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(base, "q-*")) {
            for (Path q : dirs) {
                if (!Files.exists(q.resolve("drainer.checkpoint"))) {
                    found.add(q);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (found.isEmpty()) {
            LockSupport.parkNanos(1_000_000L); // no drainer starting: leave the CPU to those that will
        }
        return found;
    }
}

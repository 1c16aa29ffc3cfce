package io.applog.archive;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/** What a test reads of a running process in /proc, and bounded waits. */
final class Proc {
    private Proc() {
    }

    /** The process's arguments, argv[0] first. */
    static List<String> cmdline(long pid) throws IOException {
        String all = new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")),
                StandardCharsets.UTF_8);
        List<String> args = new ArrayList<>(List.of(all.split("\0")));
        return args;
    }

    /** The arguments of {@code pid} that start with {@code prefix}. */
    static List<String> args(long pid, String prefix) throws IOException {
        return cmdline(pid).stream().filter(a -> a.startsWith(prefix)).toList();
    }

    /** True if {@code file} is mapped into the process's memory. */
    static boolean maps(long pid, Path file) throws IOException {
        try (Stream<String> lines = Files.lines(Path.of("/proc", Long.toString(pid), "maps"))) {
            String name = file.toString();
            return lines.anyMatch(l -> l.endsWith(" " + name));
        }
    }

    /** Waits until {@code condition} holds; fails with {@code what} after {@code seconds}. */
    static void await(String what, long seconds, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + seconds + " s: " + what);
            }
            Thread.sleep(20);
        }
    }

    /** The names of the files in {@code dir}, sorted. */
    static List<String> names(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The names in {@code dir} that end with {@code suffix}. */
    static List<String> names(Path dir, String suffix) {
        return names(dir).stream().filter(n -> n.endsWith(suffix)).toList();
    }
}

package io.applog.drain;

import io.applog.internal.DrainerLockFile;
import io.applog.internal.GaveUpFile;
import io.applog.record.WriterHello;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * A snapshot of a queue dir for operators ({@code applog stats}): every writer queue with its
 * records and backlog (records not yet written), the drainer and how far its sink got, and
 * the disk the queue dir takes. Reading it changes nothing.
 */
public final class QueueStats {
    /**
     * One writer queue. Times are epoch nanoseconds; 0 when unknown. {@code closed}: the writer
     * said GOODBYE ({@link WriterSource.State#CLOSED}); {@code backlog}: records not yet written.
     */
    public record Writer(String directory, String process, long pid, boolean alive, boolean closed,
                         long lastRecordNanos, long records, long backlog, long oldestBacklogNanos,
                         long dropped) {
    }

    /**
     * The drainer as its lock file and checkpoint show it: the last holder's pid ("" if none),
     * how far its sink got, and the note of a writer that stopped starting drainers because
     * they kept dying (null if none).
     */
    public record DrainerState(boolean running, String pid, Sink.Progress sink, GaveUpFile.Note gaveUp) {
    }

    private final Path root;
    private final List<Writer> writers;
    private final DrainerState drainer;
    private final long diskBytes;

    private QueueStats(Path root, List<Writer> writers, DrainerState drainer, long diskBytes) {
        this.root = root;
        this.writers = writers;
        this.drainer = drainer;
        this.diskBytes = diskBytes;
    }

    /** The queue dir read. */
    public Path root() {
        return root;
    }

    public List<Writer> writers() {
        return writers;
    }

    public DrainerState drainer() {
        return drainer;
    }

    /** Bytes of the queue's files (apparent sizes: cycle files are sparse). */
    public long diskBytes() {
        return diskBytes;
    }

    /** Reads the queue dir {@code root} without changing it. */
    public static QueueStats read(Path root) throws IOException {
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException("queue dir " + root + " is not a directory");
        }
        Checkpoint checkpoint = new Checkpoint(root);
        checkpoint.load();
        List<Writer> writers = new ArrayList<>();
        try (WriterSet set = WriterSet.reader(root)) {
            set.scan();
            long now = System.nanoTime();
            for (WriterSource s : List.copyOf(set.sources())) {
                Writer w = count(set, s, checkpoint.position(s.name()), now);
                if (set.sources().contains(s)) { // else skipped while read (a foreign queue)
                    writers.add(w);
                }
            }
        }
        writers.sort(java.util.Comparator.comparing(Writer::directory));
        DrainerLockFile.Holder holder = DrainerLockFile.holder(root);
        String pid = holder == null ? "" : Long.toString(holder.pid());
        String kind = checkpoint.sinkKind();
        Sink.Progress sink = kind.isEmpty() ? Sink.Progress.NONE : Sinks.progress(kind, checkpoint.sinkPosition(kind));
        DrainerState drainer = new DrainerState(DrainerLockFile.held(root), pid, sink, GaveUpFile.read(root));
        return new QueueStats(root, writers, drainer, diskBytes(root));
    }

    private static Writer count(WriterSet set, WriterSource s, Checkpoint.Position pos, long now) {
        long writtenUpTo = pos == null ? -1 : pos.lastIndex();
        long records = 0;
        long backlog = 0;
        long oldest = 0;
        set.fill(s);
        while (s.hasHead()) {
            records++;
            if (s.head().index > writtenUpTo) {
                if (backlog++ == 0) {
                    oldest = s.head().timestampNanos;
                }
            }
            s.advance();
            set.fill(s);
        }
        boolean alive = s.checkAlive(now, 5_000_000_000L); // an exiting writer found gone has closed
        WriterHello hello = s.hello();
        String process = hello == null ? "?" : hello.process();
        long pid = hello == null ? 0 : hello.pid();
        long last = s.watermarkNanos() == Long.MIN_VALUE ? 0 : s.watermarkNanos();
        return new Writer(s.name(), process, pid, alive, s.state() == WriterSource.State.CLOSED, last, records,
                backlog, oldest, s.dropped());
    }

    /**
     * Bytes of the regular files under {@code root}. A drainer deletes written files and writer
     * directories while this walks: what is gone by the time it is reached counts as nothing.
     */
    private static long diskBytes(Path root) throws IOException {
        long[] sum = {0};
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile()) {
                    sum[0] += attrs.size();
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null && !(e instanceof NoSuchFileException)) {
                    throw e;
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return sum[0];
    }
}

package io.applog.drain;

import io.applog.internal.InternalLog;
import io.applog.record.RecordDecoder;
import io.applog.writer.WriterDirectory;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Every writer queue under a queue dir, merged in timestamp order. It finds writer
 * directories as they appear (skipping, with one warning each, anything that is not one),
 * keeps each writer's next record decoded as its head, and says which head may go next: the
 * oldest one, once every other live writer without a head has shown a later timestamp
 * (a record or a heartbeat), or once it is older than the reorder window; and in either case
 * only if it is older than the start of the last complete scan, so that a writer not found
 * yet cannot hold an older record.
 *
 * <p>Used through {@link Tail} by the drainer (which deletes what it has written) and by
 * readers such as {@code applog cat} (which change nothing). Not thread-safe.
 */
public final class WriterSet implements AutoCloseable {
    /** The drainer's checkpoint in the queue dir. */
    public static final String CHECKPOINT_FILE = "drainer.checkpoint";
    /** The drainer's own files in the queue dir: never writer queues. */
    public static final Set<String> DRAINER_FILES = Set.of(io.applog.internal.DrainerLockFile.NAME, CHECKPOINT_FILE,
            io.applog.internal.GaveUpFile.NAME);

    /** Where a writer queue is to be read from: the last index already handled and its identity. */
    interface Positions {
        /** The position for {@code writerDir}, or null to read it from its start. */
        Checkpoint.Position position(String writerDir);
    }

    private static final long GIVE_UP_MILLIS = 10_000;
    private static final long SETTLE_NANOS = 50_000_000L;
    /** How far ahead of the reader's clock a record may be stamped before it is taken as damaged in time. */
    private static final long FUTURE_NANOS = 60_000_000_000L;

    private final Path root;
    private final Positions positions;
    private final boolean readOnly;
    private final RecordDecoder decoder;
    /** nanoTime of the last {@link #fill()}: when records read since then count as read. */
    private long readClock = System.nanoTime();
    private final List<WriterSource> sources = new ArrayList<>();
    private final List<WriterSource> view = Collections.unmodifiableList(sources);
    private final Set<String> ignored = new HashSet<>();
    /**
     * Writer directories still without a queue long after they were made (a writer whose queue
     * build is very slow, or that died building it), with their modification time (millis) when
     * last looked at: not live, not skipped for good; looked at again once they change.
     */
    private final Map<String, Long> stalled = new HashMap<>();
    private final Set<String> known = new HashSet<>();
    /** Epoch nanos at which the last complete {@link #scan()} started. */
    private long scannedFromNanos = Long.MIN_VALUE;
    /** The root's modification time (epoch nanos) read just before the last listing. */
    private long scannedModified = Long.MIN_VALUE;
    /** Writer directories found by the last scan whose queue did not exist yet. */
    private int pending;

    /**
     * @param readOnly  open queues read-only (a reader that must not change anything)
     * @param decoder   reads the records (plain text as bytes for a format that writes those)
     */
    WriterSet(Path root, Positions positions, boolean readOnly, RecordDecoder decoder) {
        this.root = root;
        this.positions = positions;
        this.readOnly = readOnly;
        this.decoder = decoder;
    }

    /** A reader of every writer queue from its start that changes nothing ({@code cat}, {@code stats}). */
    public static WriterSet reader(Path root) {
        return new WriterSet(root, null, true, new RecordDecoder());
    }

    /** The writers being read, in the order they were found. */
    public List<WriterSource> sources() {
        return view;
    }

    /**
     * Scans for new writers if the root directory changed, else only notes that no writer
     * appeared up to now. A stat instead of a listing keeps this cheap enough to call on every
     * pass, so records wait for the scan gate less than a pass. A root whose modification
     * time is recent is scanned anyway (file systems stamp directories with a coarse clock).
     *
     * @return how many writers were added
     */
    public int refresh() {
        final long startedNanos = System.currentTimeMillis() * 1_000_000L;
        long modified;
        try {
            modified = Files.getLastModifiedTime(root, LinkOption.NOFOLLOW_LINKS).to(TimeUnit.NANOSECONDS);
        } catch (IOException e) {
            return scan();
        }
        if (pending > 0 || modified != scannedModified || startedNanos - modified < SETTLE_NANOS || stalledChanged()) {
            return scan(); // a directory still without a queue changes inside, not in the root
        }
        scannedFromNanos = startedNanos;
        return 0;
    }

    /**
     * Epoch nanos at which the queue dir was last listed or seen unchanged: a writer not found
     * yet can only hold records stamped after this.
     */
    public long scannedFromNanos() {
        return scannedFromNanos;
    }

    /** Looks for new writer directories; returns how many were added. */
    public int scan() {
        final long startedNanos = System.currentTimeMillis() * 1_000_000L;
        try {
            scannedModified = Files.getLastModifiedTime(root, LinkOption.NOFOLLOW_LINKS).to(TimeUnit.NANOSECONDS);
        } catch (IOException e) {
            scannedModified = Long.MIN_VALUE;
        }
        int added = 0;
        pending = 0;
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root)) {
            for (Path p : dirs) {
                String name = p.getFileName().toString();
                if (!known.contains(name) && !ignored.contains(name) && !isOwn(name) && !stalledAsBefore(p, name)
                        && consider(p, name)) {
                    added++;
                }
            }
        } catch (IOException e) {
            InternalLog.warnLimited("cannot list " + root + ": " + InternalLog.describe(e));
            return added;
        }
        // every writer that can hold a record older than this was found (and opened) above:
        // a queue without a cycle file yet can only get records stamped after this instant
        scannedFromNanos = startedNanos;
        return added;
    }

    private boolean isOwn(String name) {
        return DRAINER_FILES.contains(name) || Checkpoint.isCheckpoint(name) || name.endsWith(".deleting")
                || name.endsWith(".tmp") || name.endsWith(DamageNotes.SUFFIX);
    }

    private boolean consider(Path p, String name) {
        if (Files.isSymbolicLink(p)) {
            return skip(p, "a symbolic link (not followed)");
        }
        if (WriterDirectory.parse(p) == null || !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            return skip(p, "not a writer queue directory");
        }
        QueueInspection found = QueueInspection.of(p);
        if (found.refused()) {
            return skip(p, found.problem());
        }
        if (!found.ready()) {
            long modified = lastModified(p);
            if (System.currentTimeMillis() - modified > GIVE_UP_MILLIS) {
                if (stalled.put(name, modified) == null) {
                    InternalLog.warn("waiting for " + p + ": " + found.problem() + " (for more than "
                            + GIVE_UP_MILLIS / 1000 + " s; read once it changes)");
                }
                return false;
            }
            pending++;
            return false;
        }
        stalled.remove(name);
        Checkpoint.Position pos = positions == null ? null : positions.position(name);
        try {
            WriterSource source = WriterSource.open(p, pos == null ? -1 : pos.lastIndex(),
                    pos == null ? null : pos.hello(), readOnly);
            if (readOnly && removedMeanwhile(p)) {
                source.close();
                return false;
            }
            sources.add(source);
            known.add(name);
            return true;
        } catch (Exception e) { // Chronicle also throws checked exceptions it does not declare
            return skip(p, InternalLog.describe(e));
        }
    }

    /**
     * True if the writer directory {@code p}, found with its queue, is empty now: the drainer
     * removed it after it was looked at, and Chronicle's read-only open made it again (it creates
     * a missing queue directory). The empty directory is removed again, so that a reader
     * ({@code stats}, {@code cat}) changes nothing; a directory with anything in it is kept.
     */
    private static boolean removedMeanwhile(Path p) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(p)) {
            if (entries.iterator().hasNext()) {
                return false;
            }
        } catch (IOException e) {
            return false;
        }
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // something was put in it meanwhile: it stays
        }
        return true;
    }

    /** True if {@code name} stalled and has not changed since it was last looked at. */
    private boolean stalledAsBefore(Path p, String name) {
        Long seen = stalled.get(name);
        return seen != null && seen == lastModified(p);
    }

    /** True if a stalled writer directory changed (one stat each; there are rarely any). */
    private boolean stalledChanged() {
        for (Map.Entry<String, Long> e : stalled.entrySet()) {
            if (lastModified(root.resolve(e.getKey())) != e.getValue()) {
                return true;
            }
        }
        return false;
    }

    /** Ignores {@code p} from now on, saying why in one line. */
    private boolean skip(Path p, String why) {
        ignored.add(p.getFileName().toString());
        InternalLog.warn("skipping " + p + ": " + why);
        return false;
    }

    private static long lastModified(Path p) {
        try {
            return Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    /** Reads ahead in every writer that has no head; also reads the clock that reads are stamped with. */
    public void fill() {
        readClock = System.nanoTime();
        for (int i = sources.size() - 1; i >= 0; i--) {
            fill(sources.get(i));
        }
    }

    /**
     * Reads ahead in one writer (after its head was handed on). A read-only reader drops a
     * writer whose files vanish under it (a drainer removed them); a drainer fails.
     */
    public void fill(WriterSource source) {
        read(source);
    }

    /**
     * Reads ahead in {@code source}; true if it has a head. A queue found to be another
     * process's (its HELLO does not match its directory's name) is skipped, never deleted.
     */
    private boolean read(WriterSource source) {
        try {
            boolean head = source.fill(decoder, readClock);
            String refusal = source.refusal();
            if (refusal != null) {
                remove(source);
                skip(source.dir(), refusal);
                return false;
            }
            return head;
        } catch (Exception e) { // Chronicle also throws checked exceptions it does not declare
            if (!readOnly) {
                throw new IllegalStateException("cannot read " + source.dir() + ": " + InternalLog.describe(e), e);
            }
            InternalLog.warnLimited("stopped reading " + source.dir() + ": " + InternalLog.describe(e));
            remove(source);
            return false;
        }
    }

    /**
     * The writer whose head goes next, or null if none may go yet: the oldest head, if it is
     * older than {@code releaseBefore} (epoch nanos) or no other writer can still produce an
     * older record.
     */
    public WriterSource next(long releaseBefore) {
        WriterSource min = null;
        for (int i = 0, size = sources.size(); i < size; i++) {
            WriterSource s = sources.get(i);
            if (s.hasHead() && (min == null || s.head().timestampNanos < min.head().timestampNanos)) {
                min = s;
            }
        }
        if (min == null) {
            return null;
        }
        long t = min.head().timestampNanos;
        if (releaseBefore == Long.MAX_VALUE) {
            return min;
        }
        if (t >= scannedFromNanos) {
            // a writer not found yet may hold an older record: wait for the next scan; but a
            // record stamped far ahead of this clock (a damaged timestamp) would hold back its
            // writer's later records until the drainer exits: it goes once it is the oldest
            return t - scannedFromNanos > FUTURE_NANOS ? min : null;
        }
        return t < releaseBefore || othersPassed(min, t) ? min : null;
    }

    private boolean othersPassed(WriterSource min, long t) {
        for (int i = 0, size = sources.size(); i < size; i++) {
            WriterSource s = sources.get(i);
            if (s != min && !s.hasHead() && !s.state().ended() && s.watermarkNanos() < t) {
                return false;
            }
        }
        return true;
    }

    /**
     * Checks the processes of live writers ({@link WriterSource#checkAlive}); a writer found
     * dead is read to its end, which is then final. Returns true if any writer is live,
     * counting a writer directory whose queue is not there yet (its process is starting;
     * given up after 10 s).
     */
    public boolean checkLiveness(long nowNanos, long timeoutNanos) {
        boolean anyLive = pending > 0;
        for (int i = 0, size = sources.size(); i < size; i++) {
            if (sources.get(i).checkAlive(nowNanos, timeoutNanos)) {
                anyLive = true;
            }
        }
        return anyLive;
    }

    /** True if the writer has ended ({@link WriterSource.State#ended}) and everything it wrote has been read. */
    public boolean readToEnd(WriterSource s) {
        return s.state().ended() && !s.hasHead() && !read(s) && sources.contains(s);
    }

    /**
     * True if every writer has ended (none is {@code LIVE} or {@code EXITING}) and no writer
     * directory found by the last scan is waiting for its queue (its process is starting,
     * however long that scan took).
     */
    public boolean noneLive() {
        if (pending > 0) {
            return false;
        }
        for (int i = 0, size = sources.size(); i < size; i++) {
            if (!sources.get(i).state().ended()) {
                return false;
            }
        }
        return true;
    }

    /** Stops reading {@code s} and forgets it (the caller may delete it). */
    public void remove(WriterSource s) {
        sources.remove(s);
        known.remove(s.name());
        s.close();
    }

    @Override
    public void close() {
        for (WriterSource s : sources) {
            s.close();
        }
        sources.clear();
        ignored.clear();
        stalled.clear();
        known.clear();
    }
}

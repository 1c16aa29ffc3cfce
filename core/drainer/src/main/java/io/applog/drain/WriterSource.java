package io.applog.drain;

import io.applog.internal.InternalLog;
import io.applog.internal.ProcessIdentity;
import io.applog.internal.Queues;
import io.applog.internal.SecureFiles;
import io.applog.record.DecodedRecord;
import io.applog.record.RecordDecoder;
import io.applog.record.RecordLayout;
import io.applog.record.StringTable;
import io.applog.record.WriterHello;
import io.applog.writer.WriterDirectory;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * One writer queue as the drainer (or a reader) sees it: a tailer, the next LOG record
 * decoded as the head, the writer's identity, its watermark (the timestamp of the last
 * record read, LOG or HEARTBEAT: later records are never older) and its {@link State}.
 *
 * <p>This class is the only one that changes that state; others ask ({@link #state()},
 * {@link #hasHead()}, {@link #unsaved()} ...) and report what they saw ({@link #advance()},
 * {@link #checkAlive}, {@link #saved()}).
 */
public final class WriterSource implements AutoCloseable {
    /**
     * Where a writer is in its life, as the records read so far and the process check tell.
     *
     * <pre>
     *   LIVE --GOODBYE (closed) read-----> CLOSED
     *   LIVE --GOODBYE (exiting) read----> EXITING --process found gone--> CLOSED
     *   LIVE --process found gone--------> DEAD --GOODBYE read--> CLOSED
     *   EXITING --GOODBYE (closed) read--> CLOSED
     * </pre>
     *
     * A writer that is not {@code LIVE} or {@code EXITING} has ended: the end of its queue is
     * final once read, and it no longer holds back other writers' records. An exiting writer
     * still appends what its process logs while it exits (other shutdown hooks).
     */
    public enum State {
        /** The process may still append. */
        LIVE,
        /** Its GOODBYE said the process is exiting: it may still append until it is gone. */
        EXITING,
        /** Its final GOODBYE was read, or its process is gone after saying GOODBYE. */
        CLOSED,
        /** Its process was found gone without a GOODBYE read (killed, or not read that far yet). */
        DEAD;

        /**
         * The state once a GOODBYE record is read; {@code exiting}: its flags say the process is
         * exiting ({@link RecordLayout#GOODBYE_EXITING}) rather than closed.
         */
        State goodbyeRead(boolean exiting) {
            return exiting && (this == LIVE || this == EXITING) ? EXITING : CLOSED;
        }

        /** The state once the process is found gone; an ended writer stays as it is. */
        State processGone() {
            switch (this) {
                case LIVE: return DEAD;
                case EXITING: return CLOSED;
                default: return this;
            }
        }

        /** True unless the writer may still append. */
        public boolean ended() {
            return this == CLOSED || this == DEAD;
        }
    }

    private final String name;
    private final Path dir;
    private final SingleChronicleQueue queue;
    private final ExcerptTailer tailer;
    private final WriterDirectory named;
    private final DecodedRecord head = new DecodedRecord();
    /** The writer's strings of the block read in (LOG records of layout 2). */
    private final StringTable strings;
    private final DamageNotes damageNotes;
    private final Damage damage;
    private WriterHello hello;
    private State state = State.LIVE;
    private boolean hasHead;
    private long watermarkNanos = Long.MIN_VALUE;
    /** Index of the last record handed on (for the drainer: written); -1 before the first. */
    private long lastWrittenIndex = -1;
    /** Index of the last record the checkpoint holds; -1 before the first. */
    private long lastSavedIndex = -1;
    /** The cycle whose predecessors were last deleted; none yet at the start. */
    private int deletedBeforeCycle = Integer.MIN_VALUE;
    private long dropped;
    /** Reader-local nanoTime at which a record was last read, or the source opened. */
    private long lastReadNanos;
    /** Why this is not the queue its directory's name says (a HELLO of another process), or null. */
    private String refusal;

    private WriterSource(String name, Path dir, SingleChronicleQueue queue, WriterHello hello, boolean readOnly) {
        this.name = name;
        this.dir = dir;
        this.named = WriterDirectory.parse(dir);
        this.queue = queue;
        this.tailer = queue.createTailer();
        this.damageNotes = new DamageNotes(dir, readOnly);
        this.damage = new Damage(queue, damageNotes);
        this.strings = new StringTable(queue.rollCycle());
        this.hello = hello;
        this.lastReadNanos = System.nanoTime();
    }

    /**
     * Opens a writer queue positioned after {@code lastIndex} (or at its start when it is -1).
     */
    static WriterSource open(Path dir, long lastIndex, WriterHello knownHello, boolean readOnly) {
        SingleChronicleQueue queue = Queues.forReading(dir, readOnly);
        WriterSource source = new WriterSource(dir.getFileName().toString(), dir, queue, knownHello, readOnly);
        try {
            source.position(lastIndex);
        } catch (RuntimeException e) {
            source.close();
            throw e;
        }
        return source;
    }

    private void position(long lastIndex) {
        if (lastIndex < 0) {
            tailer.toStart();
            return;
        }
        strings.learnUpTo(tailer, lastIndex); // what the records after it refer to
        if (!tailer.moveToIndex(lastIndex)) {
            throw new IllegalStateException("index " + Long.toHexString(lastIndex)
                    + " of the checkpoint is not in " + dir);
        }
        try (DocumentContext dc = tailer.readingDocument()) {
            if (!dc.isPresent() || dc.index() != lastIndex) {
                throw new IllegalStateException("cannot resume " + dir + " after index "
                        + Long.toHexString(lastIndex));
            }
        }
        lastWrittenIndex = lastIndex;
        lastSavedIndex = lastIndex;
    }

    /**
     * Reads records until a LOG record is the head or the queue has nothing more now.
     * HELLO, HEARTBEAT and GOODBYE records update the writer's state on the way. A record that
     * cannot be read is skipped ({@link Damage}): the tailer goes on at the next record
     * Chronicle's index reaches, and what lies between is counted and reported.
     *
     * @param nowNanos the time a record read now is stamped with (the caller's clock: precise
     *                 to a batch, which the heartbeat timeout needs, without a clock read per record)
     * @return true if a head is present
     */
    boolean fill(RecordDecoder decoder, long nowNanos) {
        if (hasHead) {
            return true;
        }
        if (refusal != null || damage.stuck() && !damage.retry(tailer, state.ended(), nowNanos)) {
            return false;
        }
        boolean lookedAgain = false;
        while (true) {
            long unreadable;
            long renumber = -1;
            RuntimeException failure = null;
            try (DocumentContext dc = tailer.readingDocument()) {
                if (dc.isPresent()) {
                    lastReadNanos = nowNanos;
                    unreadable = dc.index();
                    if (damage.checkable(unreadable)) {
                        renumber = damage.misnumbered(unreadable, dc.wire().bytes().readPosition());
                    }
                    try {
                        if (renumber < 0 && read(decoder, dc)) {
                            return true;
                        }
                        if (refusal != null) {
                            return false;
                        }
                        if (renumber < 0) {
                            continue;
                        }
                    } catch (RuntimeException e) {
                        failure = e;
                    }
                } else {
                    unreadable = tailer.index();
                    if (!damage.holdsRecordAt(unreadable, state.ended(), nowNanos)) {
                        return false;
                    }
                    if (!lookedAgain) { // the record may have been completed since: read once more
                        lookedAgain = true;
                        continue;
                    }
                }
            } catch (RuntimeException e) { // Chronicle could not read the next record
                unreadable = tailer.index();
                failure = e;
            }
            lookedAgain = false;
            if (renumber >= 0) {
                if (!Damage.moveTo(tailer, renumber) && !damage.skip(tailer, renumber, null)) {
                    return false;
                }
            } else if (!damage.skip(tailer, unreadable, failure)) {
                return false;
            }
        }
    }

    /**
     * Decodes the record of {@code dc}; true if it is a LOG record, now the head. A record whose
     * fields do not end where its length says, or of an unknown kind, is damaged: it throws.
     */
    private boolean read(RecordDecoder decoder, DocumentContext dc) {
        final Bytes<?> bytes = dc.wire().bytes();
        final long start = bytes.readPosition();
        final byte kind = decoder.header(bytes);
        switch (kind) {
            case RecordLayout.KIND_LOG:
            case RecordLayout.KIND_LOG_V1:
                final long index = dc.index();
                final long unknown = strings.unknownCount();
                if (kind == RecordLayout.KIND_LOG) {
                    strings.enter(index);
                }
                decoder.log(bytes, head, kind == RecordLayout.KIND_LOG ? strings : null);
                requireEnd(bytes, start);
                if (strings.unknownCount() != unknown) {
                    noteUnknownStrings(index, strings.unknownCount() - unknown);
                }
                head.index = index;
                head.process = hello == null ? "?" : hello.process();
                head.pid = hello == null ? 0 : hello.pid();
                head.host = hello == null ? "" : hello.host();
                hasHead = true;
                break;
            case RecordLayout.KIND_HELLO:
                WriterHello h = decoder.hello(bytes);
                if (named != null && (h.pid() != named.pid() || h.startMillis() != named.startMillis())) {
                    refusal = "its HELLO is of pid " + h.pid() + " started at " + h.startMillis()
                            + ", not of the process its name gives (a copied or foreign queue)";
                    return false;
                }
                hello = h;
                break;
            case RecordLayout.KIND_HEARTBEAT:
                final long counted = decoder.counter(bytes);
                requireEnd(bytes, start);
                dropped = counted;
                break;
            case RecordLayout.KIND_GOODBYE:
                final long total = decoder.counter(bytes);
                requireEnd(bytes, start);
                dropped = total;
                state = state.goodbyeRead(decoder.levelByte() == RecordLayout.GOODBYE_EXITING);
                break;
            default:
                throw new IllegalStateException("unknown record kind " + kind);
        }
        watermarkNanos = Math.max(watermarkNanos, decoder.timestampNanos());
        return hasHead;
    }

    /** Counts and reports {@code n} references to strings not defined in their block, in record {@code index}. */
    private void noteUnknownStrings(long index, long n) {
        final RollCycle rc = queue.rollCycle();
        damageNotes.unknownStrings(Damage.fileName(rc, index), rc.toSequenceNumber(index), n, strings.lastUnknownId());
    }

    /** A record is exactly its fields: bytes left over mean its length (its header) is damaged. */
    private static void requireEnd(Bytes<?> bytes, long start) {
        final long left = bytes.readRemaining();
        if (left != 0) {
            final long end = bytes.readPosition() - start;
            throw new IllegalStateException("its length says " + (end + left) + " bytes, its fields end after " + end);
        }
    }

    /** The writer directory's name. */
    public String name() {
        return name;
    }

    /** The writer directory. */
    Path dir() {
        return dir;
    }

    /** Where the writer is in its life. */
    public State state() {
        return state;
    }

    /** The writer's identity from its HELLO record (or the checkpoint), or null before it is read. */
    public WriterHello hello() {
        return hello;
    }

    /** True if a LOG record is read and not yet handed on: {@link #head()} is valid. */
    public boolean hasHead() {
        return hasHead;
    }

    /** The next record of this writer; valid while {@link #hasHead()}, until {@link #advance()}. */
    public DecodedRecord head() {
        return head;
    }

    /** Marks the head as handed on; the next fill reads on. */
    public void advance() {
        lastWrittenIndex = head.index;
        hasHead = false;
    }

    /** Epoch nanos no later record of this writer can be older than; MIN_VALUE before any. */
    public long watermarkNanos() {
        return watermarkNanos;
    }

    /** Records the writer counted as dropped (from its last HEARTBEAT or GOODBYE). */
    public long dropped() {
        return dropped;
    }

    /** Reader-local nanoTime of the last record read (or of opening this source). */
    long lastReadNanos() {
        return lastReadNanos;
    }

    /** Index of the last record handed on; -1 before the first. */
    long lastWrittenIndex() {
        return lastWrittenIndex;
    }

    /** True if records were handed on since the checkpoint last saved this writer's position. */
    boolean unsaved() {
        return lastWrittenIndex != lastSavedIndex;
    }

    /** Records of this writer queue that could not be read (damaged), and so were not handed on. */
    public long unreadable() {
        return damageNotes.unreadable();
    }

    /**
     * References read to strings not defined in their block (records written with a
     * placeholder, {@link RecordLayout#unknownString}): damage before them in their block.
     */
    public long unknownStrings() {
        return damageNotes.unknownStrings();
    }

    /** Why this queue is refused (its HELLO is another process's), or null. */
    String refusal() {
        return refusal;
    }

    /**
     * Whether the writer's process can be alive (judged by pid and start time when possible,
     * else by a record read within {@code timeoutNanos}). Changes nothing.
     */
    boolean processAlive(long nowNanos, long timeoutNanos) {
        if (state.ended()) {
            return false;
        }
        if (hello != null && ProcessIdentity.current().canCheck(hello.host(), hello.pidNamespace())) {
            return ProcessIdentity.isAlive(hello.pid(), hello.startMillis());
        }
        if (hello == null && namedProcessAlive()) {
            return true; // its HELLO not written yet (a slow start): the process its directory names runs here
        }
        return nowNanos - lastReadNanos < timeoutNanos;
    }

    /**
     * True if a process with the pid and start time of this writer's directory name runs on
     * this host (pid and start time together do not recur; a writer of another host or pid
     * namespace is only judged by its records).
     */
    private boolean namedProcessAlive() {
        return named != null && ProcessIdentity.isAlive(named.pid(), named.startMillis());
    }

    /**
     * Checks the process of a writer that has not ended; one found gone makes the writer
     * {@link State#DEAD} (or {@link State#CLOSED} if it was exiting).
     *
     * @return true if the writer is (still) live or exiting
     */
    boolean checkAlive(long nowNanos, long timeoutNanos) {
        if (state.ended()) {
            return false;
        }
        if (processAlive(nowNanos, timeoutNanos)) {
            return true;
        }
        state = state.processGone();
        return false;
    }

    /**
     * Called once the checkpoint holds {@link #lastWrittenIndex()}, with the index up to which
     * every drainer of the queue dir has checkpointed this writer ({@link Cursors}): deletes the
     * cycle files before the one holding it. A damaged one is kept ({@link DamageNotes}).
     */
    void saved(long savedByAll) {
        lastSavedIndex = lastWrittenIndex;
        if (savedByAll < 0) {
            return;
        }
        RollCycle rc = queue.rollCycle();
        int cycle = rc.toCycle(savedByAll);
        if (cycle != deletedBeforeCycle) {
            deletedBeforeCycle = cycle;
            deleteCyclesBefore(Queues.cycleName(rc, cycle) + Queues.CYCLE_SUFFIX);
        }
    }

    /** Deletes the cycle files whose names sort before {@code keep}'s. */
    private void deleteCyclesBefore(String keep) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + Queues.CYCLE_SUFFIX)) {
            for (Path f : files) {
                String n = f.getFileName().toString();
                if (n.length() == keep.length() && n.compareTo(keep) < 0 && !damageNotes.damaged(n)
                        && Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
                    Files.deleteIfExists(f);
                }
            }
        } catch (IOException e) {
            InternalLog.warnLimited("cannot delete written files in " + dir + ": "
                    + InternalLog.describe(e));
        }
        queue.refreshDirectoryListing();
    }

    /**
     * Closes the queue and removes the writer's directory (all of it written), or, if a cycle
     * file in it is damaged, sets the directory aside as {@code <name>.damaged} with the
     * damaged files ({@link DamageNotes#setAside}).
     *
     * @return where a damaged writer queue was set aside; null if it was deleted
     */
    Path delete() {
        close();
        if (damageNotes.any()) {
            return damageNotes.setAside();
        }
        Path doomed = dir.resolveSibling(name + ".deleting");
        try {
            Files.move(dir, doomed);
        } catch (IOException e) {
            InternalLog.warnLimited("cannot remove written " + dir + ": " + InternalLog.describe(e));
            return null;
        }
        SecureFiles.deleteTree(doomed);
        return null;
    }

    @Override
    public void close() {
        try {
            damage.close();
            tailer.close();
        } finally {
            queue.close();
        }
    }
}

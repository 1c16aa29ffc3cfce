package io.applog.drain;

import io.applog.record.DecodedRecord;
import io.applog.record.RecordDecoder;

import java.io.IOException;
import java.util.List;

/**
 * Where the drainer's merged records go: the logfile ({@link FileSink}) today, a topic or
 * standard output tomorrow. A sink owns its output, its position in it and any upkeep such as
 * rotation; {@link Sinks} says which sink the options ask for.
 *
 * <p>Exactly-once is the drainer's, not the sink's: the drainer calls a sink in this order,
 * from one thread, and a sink only has to keep the promises each call makes.
 * <pre>
 *   restore(saved)        at start, and after a failed write: continue from a checkpointed position
 *   write(record) ...     a batch, ended early when needsCheckpoint()
 *   flush()               what was written survives a crash of this process
 *   position()            saved in the checkpoint, atomically with the writer queues' positions
 *   afterCheckpoint()     upkeep that may only follow a checkpoint (rotation); true if the
 *                         position moved, which the drainer then checkpoints
 * </pre>
 * A kill -9 anywhere in between leaves the last checkpoint, and {@link #restore} drops what was
 * written after it. A sink whose output cannot be cut back (a topic) makes {@link #flush}
 * provisional and {@link #afterCheckpoint} final, for instance a transaction prepared in
 * {@code flush} and committed after the checkpoint, its position naming that transaction so
 * that {@code restore} can complete or abort it.
 */
public interface Sink extends AutoCloseable {
    /** Names the sink in the checkpoint ({@code file}); a position is only handed back to its own kind. */
    String kind();

    /** Where records go, for messages: the logfile's path, a topic. */
    String describe();

    /**
     * The decoder records are read with: what this sink needs decoded (the file sink asks for
     * plain text as bytes when its output format writes those).
     */
    default RecordDecoder decoder() {
        return new RecordDecoder();
    }

    /**
     * Continues from {@code position}, a value {@link #position()} returned before (perhaps in
     * another process), dropping anything written after it; with null (nothing saved, or saved
     * by another kind of sink) from the output as it is. Called before the first write, and
     * again after {@link #abandon()}.
     */
    void restore(String position) throws IOException;

    /** Writes one record; it is valid only during this call. */
    void write(DecodedRecord record) throws IOException;

    /**
     * Writes one record read from {@code from}: the drainer calls this one. A sink that names
     * writers by more than process and pid (a topic read on another host: the writer's start
     * time, its queue index) overrides it; by default it is {@link #write(DecodedRecord)}.
     */
    default void write(WriterSource from, DecodedRecord record) throws IOException {
        write(record);
    }

    /**
     * Sees every writer being read, with its identity, head, watermark and state: called at
     * each liveness check (about every 200 ms) and before each {@link #flush}, when everything
     * handed on so far has been written to this sink. A sink whose reader merges writers
     * elsewhere (a topic) forwards their watermarks from here; the file sink ignores it.
     *
     * @param scannedFromNanos epoch nanos: a writer not found yet can only hold records stamped
     *                         at or after this (the queue dir was listed, or seen unchanged, then)
     */
    default void watermarks(List<WriterSource> writers, long scannedFromNanos) throws IOException {
    }

    /**
     * True when the sink wants no more records before a checkpoint (the file sink once it has
     * reached the size it rotates at); the batch then ends.
     */
    boolean needsCheckpoint() throws IOException;

    /** Makes everything written so far survive a crash of this process. */
    void flush() throws IOException;

    /**
     * How far the output goes, as everything flushed left it: an opaque one-line value (no line
     * break) that {@link #restore} understands.
     */
    String position() throws IOException;

    /**
     * Upkeep that may only happen when everything written is flushed and checkpointed (the file
     * sink rotates here). Called after each checkpoint and now and then while idle.
     *
     * @return true if the position moved (a new, empty file): the drainer checkpoints it
     */
    boolean afterCheckpoint() throws IOException;

    /**
     * Asks the sink to release its output and take it again by name at the next
     * {@link #afterCheckpoint()} (the file sink: close the logfile and open its path again, as
     * after a rotation by logrotate; SIGHUP to {@code applog drain}). Called from any thread;
     * a sink with nothing to reopen ignores it.
     */
    default void reopen() {
    }

    /**
     * True if the sink says itself, once, when its output goes away and when it is back (a
     * topic whose broker is unreachable); the drainer then prints nothing of its own when a
     * write fails. False by default: the drainer notes each failure (at most every 10 s).
     */
    default boolean notesFailures() {
        return false;
    }

    /** Drops everything not flushed and releases the output, after a failed write. */
    void abandon() throws IOException;

    /** Flushes and releases the output. */
    @Override
    void close() throws IOException;

    /**
     * How far a checkpointed sink got, for operators ({@code applog stats}).
     *
     * @param output where records go (empty when nothing is checkpointed)
     * @param amount how far, in {@code unit}s
     * @param unit    what {@code amount} counts ({@code byte} for a file)
     * @param pending what the writer queues' backlog has not been yet: {@link #WRITTEN} or
     *                {@link #ACKNOWLEDGED}
     * @param lost    records the output refused for good, skipped and counted
     */
    record Progress(String output, long amount, String unit, String pending, long lost) {
        /** What the backlog of a sink that writes locally is: records not yet written. */
        public static final String WRITTEN = "written";
        /** What the backlog of a sink that ships is: records the far end has not acknowledged. */
        public static final String ACKNOWLEDGED = "acknowledged by the broker";
        /** Nothing checkpointed yet. */
        public static final Progress NONE = new Progress("", 0, "");

        /** A sink that writes locally and loses nothing. */
        public Progress(String output, long amount, String unit) {
            this(output, amount, unit, WRITTEN, 0);
        }

        /** {@code /var/log/app.log at byte 1234}; empty for {@link #NONE}. */
        public String describe() {
            return output.isEmpty() ? "" : output + " at " + unit + " " + amount;
        }
    }
}

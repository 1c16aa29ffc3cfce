package io.applog.drain;

import io.applog.internal.InternalLog;
import io.applog.internal.ProcessIdentity;
import io.applog.internal.Queues;
import io.applog.internal.SecureFiles;
import io.applog.record.DecodedRecord;
import io.applog.record.RecordDecoder;
import io.applog.record.RecordLayout;
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
 * One writer's queue as the drainer (or a reader) sees it: a tailer, the next LOG record
 * decoded as the head, the writer's identity, its watermark (the timestamp of the last
 * record read, LOG or HEARTBEAT: later records are never older) and whether it has finished.
 */
public final class WriterSource implements AutoCloseable {
    final String name;
    final Path dir;
    private final SingleChronicleQueue queue;
    private final ExcerptTailer tailer;
    WriterHello hello;
    final DecodedRecord head = new DecodedRecord();
    boolean hasHead;
    long watermarkNanos = Long.MIN_VALUE;
    /** Index of the last record handed on (written to the logfile); -1 before the first. */
    long lastEmittedIndex = -1;
    long lastSavedIndex = -1;
    boolean goodbye;
    long dropped;
    /** Drainer-local nanoTime at which a record was last read, or the source opened. */
    long lastReadNanos;
    /** Set once the writer's process was seen dead: after that, the end of the queue is final. */
    boolean dead;
    boolean finished;
    /** Why this is not the queue its directory's name says (a HELLO of another process), or null. */
    String foreign;
    private final WriterDirectory named;

    private WriterSource(String name, Path dir, SingleChronicleQueue queue, WriterHello hello) {
        this.name = name;
        this.dir = dir;
        this.named = WriterDirectory.parse(dir);
        this.queue = queue;
        this.tailer = queue.createTailer();
        this.hello = hello;
        this.lastReadNanos = System.nanoTime();
    }

    /**
     * Opens a writer queue positioned after {@code lastIndex} (or at its start when it is -1).
     */
    static WriterSource open(Path dir, long lastIndex, WriterHello knownHello, boolean readOnly) {
        SingleChronicleQueue queue = Queues.forReading(dir, readOnly);
        WriterSource source = new WriterSource(dir.getFileName().toString(), dir, queue, knownHello);
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
        lastEmittedIndex = lastIndex;
        lastSavedIndex = lastIndex;
    }

    /**
     * Reads records until a LOG record is the head or the queue has nothing more now.
     * HELLO, HEARTBEAT and GOODBYE records update the writer's state on the way.
     *
     * @param nowNanos the time a record read now is stamped with (the caller's clock: precise
     *                 to a batch, which the heartbeat timeout needs, without a clock read per record)
     * @return true if a head is present
     */
    boolean fill(RecordDecoder decoder, long nowNanos) {
        if (hasHead) {
            return true;
        }
        if (foreign != null) {
            return false;
        }
        while (true) {
            try (DocumentContext dc = tailer.readingDocument()) {
                if (!dc.isPresent()) {
                    return false;
                }
                lastReadNanos = nowNanos;
                Bytes<?> bytes = dc.wire().bytes();
                byte kind;
                try {
                    kind = decoder.header(bytes);
                    watermarkNanos = Math.max(watermarkNanos, decoder.timestampNanos());
                    switch (kind) {
                        case RecordLayout.KIND_LOG:
                            decoder.log(bytes, head);
                            head.index = dc.index();
                            head.process = hello == null ? "?" : hello.process();
                            head.pid = hello == null ? 0 : hello.pid();
                            head.host = hello == null ? "" : hello.host();
                            hasHead = true;
                            return true;
                        case RecordLayout.KIND_HELLO:
                            WriterHello h = decoder.hello(bytes);
                            if (named != null && (h.pid() != named.pid() || h.startMillis() != named.startMillis())) {
                                foreign = "its HELLO is of pid " + h.pid() + " started at " + h.startMillis()
                                        + ", not of the process its name gives (a copied or foreign queue)";
                                return false;
                            }
                            hello = h;
                            break;
                        case RecordLayout.KIND_HEARTBEAT:
                            dropped = decoder.counter(bytes);
                            break;
                        case RecordLayout.KIND_GOODBYE:
                            dropped = decoder.counter(bytes);
                            goodbye = true;
                            break;
                        default:
                            InternalLog.warnLimited("skipping a record of unknown kind " + kind
                                    + " in " + dir);
                    }
                } catch (RuntimeException e) {
                    InternalLog.warnLimited("skipping a malformed record in " + dir + ": "
                            + InternalLog.describe(e));
                }
            }
        }
    }

    /** The writer directory's name. */
    public String name() {
        return name;
    }

    /** The next record of this writer; valid until {@link #consumeHead()}. */
    public DecodedRecord head() {
        return head;
    }

    /** Marks the head as handled; the next fill reads on. */
    public void consumeHead() {
        lastEmittedIndex = head.index;
        hasHead = false;
    }

    /** Whether the writer's process can be alive (judged by pid and start time when possible). */
    boolean processAlive(long nowNanos, long timeoutNanos) {
        if (goodbye) {
            return false;
        }
        if (hello != null && ProcessIdentity.current().canCheck(hello.host(), hello.pidNamespace())) {
            return ProcessIdentity.isAlive(hello.pid(), hello.startMillis());
        }
        return nowNanos - lastReadNanos < timeoutNanos;
    }

    /** Called once the checkpoint holds {@link #lastEmittedIndex}; frees drained cycles. */
    void saved() {
        long before = lastSavedIndex;
        if (before == lastEmittedIndex) {
            return;
        }
        lastSavedIndex = lastEmittedIndex;
        RollCycle rc = queue.rollCycle();
        if (before < 0 || rc.toCycle(before) != rc.toCycle(lastSavedIndex)) {
            deleteDrainedCycles();
        }
    }

    /**
     * Deletes the cycle files before the one holding {@code lastSavedIndex}: all their
     * records are written and checkpointed.
     */
    private void deleteDrainedCycles() {
        if (lastSavedIndex < 0) {
            return;
        }
        RollCycle rc = queue.rollCycle();
        String keep = Queues.cycleName(rc, rc.toCycle(lastSavedIndex)) + Queues.CYCLE_SUFFIX;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + Queues.CYCLE_SUFFIX)) {
            for (Path f : files) {
                String n = f.getFileName().toString();
                if (n.length() == keep.length() && n.compareTo(keep) < 0
                        && Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
                    Files.deleteIfExists(f);
                }
            }
        } catch (IOException e) {
            InternalLog.warnLimited("cannot delete drained files in " + dir + ": "
                    + InternalLog.describe(e));
        }
        queue.refreshDirectoryListing();
    }

    /** Closes the queue and removes the writer's directory (all of it drained). */
    void delete() {
        close();
        Path doomed = dir.resolveSibling(name + ".deleting");
        try {
            Files.move(dir, doomed);
        } catch (IOException e) {
            InternalLog.warnLimited("cannot remove drained " + dir + ": " + InternalLog.describe(e));
            return;
        }
        SecureFiles.deleteTree(doomed);
    }

    @Override
    public void close() {
        try {
            tailer.close();
        } finally {
            queue.close();
        }
    }
}

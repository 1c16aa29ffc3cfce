package io.applog.drain;

import io.applog.internal.InternalLog;
import io.applog.internal.ProcessIdentity;
import io.applog.internal.Queues;
import io.applog.internal.SecureFiles;
import io.applog.record.LogEvent;
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
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One writer's queue as the drainer (or a reader) sees it: a tailer, the next LOG record
 * decoded as the head, the writer's identity, its watermark (the timestamp of the last
 * record read, LOG or HEARTBEAT: later records are never older) and whether it has finished.
 */
public final class WriterSource implements AutoCloseable {
    static final String METADATA = "metadata.cq4t";
    private static final int NOT_COMPLETE = 0x8000_0000;
    private static final int META_DATA = 0x4000_0000;
    /** Binary wire of the field name "header", which every Chronicle file starts with. */
    private static final byte[] HEADER_START = {(byte) 0xB9, 6, 'h', 'e', 'a', 'd', 'e', 'r'};

    final String name;
    final Path dir;
    private final SingleChronicleQueue queue;
    private final ExcerptTailer tailer;
    WriterHello hello;
    final LogEvent head = new LogEvent();
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

    /** What {@link #inspect} found in a writer directory. */
    record Inspection(boolean ready, boolean refused, String problem) {
        static final Inspection READY = new Inspection(true, false, null);

        static Inspection notYet(String problem) {
            return new Inspection(false, false, problem);
        }

        static Inspection refused(String problem) {
            return new Inspection(false, true, problem);
        }
    }

    /**
     * Looks at a writer directory before Chronicle maps anything in it (Chronicle waits 10 to
     * 20 s on a file without a complete header, maps whatever a symlink points to, and grows a
     * file it does not recognise). Ready: a metadata file and cycle files, all regular files
     * starting with a complete Chronicle header. Not yet: the writer is still creating them.
     * Refused: an entry that is not a regular file (a symlink, a directory), or a queue file
     * that is not Chronicle's.
     */
    static Inspection inspect(Path dir) {
        boolean metadata = false;
        boolean cycle = false;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path f : entries) {
                String n = f.getFileName().toString();
                if (!Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
                    return Inspection.refused(n + " in it is not a regular file");
                }
                boolean isCycle = n.endsWith(Queues.CYCLE_SUFFIX);
                if (!isCycle && !n.equals(METADATA)) {
                    continue;
                }
                Inspection header = header(f);
                if (header == null) {
                    continue; // deleted meanwhile (a drainer removes drained cycles)
                }
                if (header != Inspection.READY) {
                    return header;
                }
                metadata |= !isCycle;
                cycle |= isCycle;
            }
        } catch (IOException e) {
            return Inspection.notYet("cannot list it (" + InternalLog.describe(e) + ")");
        }
        if (!metadata || !cycle || Queues.rollCycleOf(dir) == null) {
            return Inspection.notYet("no queue in it");
        }
        return Inspection.READY;
    }

    /**
     * Chronicle's files start with a complete metadata document whose first field is "header";
     * null if the file is gone.
     */
    private static Inspection header(Path file) {
        ByteBuffer b = ByteBuffer.allocate(HEADER_START.length + 4).order(ByteOrder.LITTLE_ENDIAN);
        try (SeekableByteChannel ch = Files.newByteChannel(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            while (b.hasRemaining() && ch.read(b) > 0) {
                // read the first bytes
            }
        } catch (java.nio.file.NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            return Inspection.refused("cannot read " + file.getFileName() + " (" + InternalLog.describe(e) + ")");
        }
        int h = b.position() >= 4 ? b.getInt(0) : 0;
        if (h == 0 || (h & NOT_COMPLETE) != 0 || b.hasRemaining()) {
            return Inspection.notYet(file.getFileName() + " in it has no complete Chronicle header");
        }
        for (int i = 0; i < HEADER_START.length; i++) {
            if (b.get(4 + i) != HEADER_START[i] || (h & META_DATA) == 0) {
                return Inspection.refused(file.getFileName() + " in it is not a Chronicle queue file");
            }
        }
        return Inspection.READY;
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
     * @return true if a head is present
     */
    boolean fill(RecordDecoder decoder) {
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
                lastReadNanos = System.nanoTime();
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
    public LogEvent head() {
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

package io.applog.it;

import io.applog.cli.Main;
import io.applog.internal.Queues;
import io.applog.record.RecordLayout;
import io.applog.testing.Children;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The documents of a finished writer queue of one cycle file, read (without changing it) to
 * know where to damage it: each one's index, where its bytes start in the file, how many, its
 * record kind and, for a LOG record, its number among them; and what the drainer says and
 * leaves behind once such a queue is damaged.
 *
 * @param docs      the documents in file order
 * @param cycleFile the cycle file's name
 * @param spacing   every how many records Chronicle's index holds a position
 */
record QueueDocs(List<Doc> docs, String cycleFile, long spacing) {
    /** A roll cycle that does not roll while a test runs, so that a queue is one cycle file (index spacing 256 as by default). */
    static final String ONE_CYCLE = "-Dapplog.rollCycle=FAST_DAILY";

    /** One document: its index in the cycle file, where its bytes start, how many, its kind; {@code seq} counts LOG records from 1. */
    record Doc(long index, long position, int length, byte kind, int seq) {
        boolean log() {
            return kind == RecordLayout.KIND_LOG;
        }
    }

    static QueueDocs read(Path writerDir) {
        List<Doc> all = new ArrayList<>();
        String file = null;
        try (SingleChronicleQueue q = Queues.forReading(writerDir, true); ExcerptTailer t = q.createTailer()) {
            int seq = 0;
            while (true) {
                try (DocumentContext dc = t.readingDocument()) {
                    if (!dc.isPresent()) {
                        break;
                    }
                    Bytes<?> b = dc.wire().bytes();
                    byte kind = b.readByte(b.readPosition());
                    all.add(new Doc(q.rollCycle().toSequenceNumber(dc.index()), b.readPosition(), (int) b.readRemaining(),
                            kind, kind == RecordLayout.KIND_LOG ? ++seq : 0));
                    file = Queues.cycleName(q.rollCycle(), q.rollCycle().toCycle(dc.index())) + Queues.CYCLE_SUFFIX;
                }
            }
            return new QueueDocs(List.copyOf(all), file, q.indexSpacing());
        }
    }

    /** The LOG records in the middle third of the file. */
    List<Doc> middleThird() {
        List<Doc> logs = docs.stream().filter(Doc::log).toList();
        return logs.subList(logs.size() / 3, 2 * logs.size() / 3);
    }

    /** Overwrites bytes of the cycle file in {@code writerDir}. */
    void write(Path writerDir, long position, byte[] bytes) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(writerDir.resolve(cycleFile).toFile(), "rw")) {
            f.seek(position);
            f.write(bytes);
        }
    }

    /**
     * Damages the body of {@code d} so that it cannot be read: its count of key-value pairs
     * (its last byte, as a record of {@code applog log} has none) becomes 127, more than the
     * record holds. Returns what the drainer says of it. (A damaged string id would not do: it
     * reads as an unknown string, and the record is written.)
     */
    String damageBody(Path writerDir, Doc d) throws IOException {
        write(writerDir, d.position() + d.length() - 1, new byte[] {0x7F});
        return "record index=" + d.index() + " unreadable (bad field count 127)";
    }

    /**
     * Writes {@code records} records {@code w=<process> seq=1..records} into {@code queue} with
     * {@code applog log} from standard input (child "log", as process {@code process}, in
     * {@link #ONE_CYCLE}); returns its writer queue dir.
     */
    static Path logRecords(Children children, Path queue, String process, int records, String context)
            throws Exception {
        Path input = children.logs().resolve("input.txt");
        StringBuilder lines = new StringBuilder();
        for (int i = 1; i <= records; i++) {
            lines.append("w=").append(process).append(" seq=").append(i).append('\n');
        }
        Files.writeString(input, lines);
        Process log = children.startWithInput("log", input, Main.class, List.of(ONE_CYCLE), "log",
                "--queue", queue.toString(), "--process", process);
        assertEquals(0, children.exit(log, "log", 120, context), context + children.stderr("log"));
        try (Stream<Path> dirs = Files.list(queue)) {
            return dirs.filter(p -> p.getFileName().toString().startsWith("w-" + log.pid() + "-")).findFirst().orElseThrow();
        }
    }

    /** How the drainer's line for a damaged place of this cycle file in {@code writerDir} starts. */
    String damagedFile(Path writerDir) {
        return "applog: damaged queue file " + writerDir.resolve(cycleFile) + ": ";
    }

    /** The drainer's line for a damaged place ({@code what}) it skipped {@code skipped} records of, reading on at {@code next}. */
    String damagedLine(Path writerDir, String what, long skipped, long next) {
        return damagedFile(writerDir) + what + "; skipped=" + skipped + ", reading on at index=" + next;
    }

    /** The line the drainer keeps for a damaged place in the note beside the damaged cycle file. */
    static String note(long index, long skipped, String what) {
        return "index=" + index + " skipped=" + skipped + " " + what;
    }

    /** The drainer's two closing lines: the writer queue set aside as {@code kept}, and the count. */
    List<String> closing(Path kept, long unreadable) {
        return List.of("applog: kept damaged writer queue " + kept + " (unreadable=" + unreadable + " records in " + cycleFile + ")",
                "applog drain: unreadable=" + unreadable + " records in damaged queue files, not written; kept in " + kept);
    }

    /**
     * What is left in the queue dir, relative and sorted: the drainer's files and the writer
     * queue set aside as {@code kept} with the damaged cycle file, its note and its metadata.
     */
    List<String> keptListing(String kept) {
        return List.of("drainer.checkpoint", "drainer.lock", kept, kept + "/" + cycleFile,
                kept + "/" + cycleFile + ".damaged", kept + "/metadata.cq4t");
    }
}

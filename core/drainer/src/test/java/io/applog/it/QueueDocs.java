package io.applog.it;

import io.applog.internal.Queues;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The documents of a finished writer queue of one cycle file, read (without changing it) to
 * know where to damage it: each one's index, where its bytes start in the file, how many, its
 * record kind and, for a LOG record, its number among them.
 *
 * @param docs      the documents in file order
 * @param cycleFile the cycle file's name
 * @param spacing   every how many records Chronicle's index holds a position
 */
record QueueDocs(List<Doc> docs, String cycleFile, long spacing) {
    /** One document: its index in the cycle file, where its bytes start, how many, its kind; {@code seq} counts LOG records from 1. */
    record Doc(long index, long position, int length, byte kind, int seq) {
        boolean log() {
            return kind == 'L';
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
                            kind, kind == 'L' ? ++seq : 0));
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
     * Damages the body of {@code d} so that it cannot be read: its thread name's length (the
     * first field after the 10-byte record header) becomes 127, past the record's end. Returns
     * what the drainer says of it.
     */
    String damageBody(Path writerDir, Doc d) throws IOException {
        write(writerDir, d.position() + 10, new byte[] {0x7F});
        return "record index=" + d.index() + " unreadable (a text field of 127 bytes in a record of "
                + (d.length() - 11) + " more)";
    }
}

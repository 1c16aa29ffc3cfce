package io.applog.drain;

import io.applog.Level;
import io.applog.internal.Queues;
import io.applog.record.DecodedRecord;
import io.applog.record.MutableRecord;
import io.applog.internal.ProcessIdentity;
import io.applog.record.RecordDecoder;
import io.applog.record.RecordEncoder;
import io.applog.record.RecordLayout;
import io.applog.writer.QueueWriter;
import io.applog.writer.WriterDirectory;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Records of layout 2 written by a real queue writer and read back by writer sources: across
 * blocks of string ids and cycle rolls, from the start and resumed at indexes inside a block.
 */
class StringIdsTest {
    private static final RollCycle SECONDLY = Queues.rollCycle("TEST_SECONDLY");
    private static final long SEED = 20261203L;
    private static final String[] THREADS = {"main", "pool-1-thread-3", "wörker-ü", "applog-heartbeat"};
    private static final String[] LOGGERS = {"bench.Orders", "demo.Worker", "a.b.C", "io.applog.Ünïcode"};
    private static final String[] TEMPLATES = {"order {} for {}", "plain message", "order {}", null, "tab\there {}",
            "two\nlines {}", "ünïcode {}"};

    @TempDir
    Path tmp;

    /** One LOG record as logged and as read: thread, logger, template (null if none), arguments. */
    record Line(String thread, String logger, String template, List<String> args) {
        static Line of(DecodedRecord e) {
            e.decodePlain();
            List<String> args = new ArrayList<>();
            for (int i = 0; i < e.argCount; i++) {
                args.add(e.args[i].toString());
            }
            return new Line(e.thread.toString(), e.logger.toString(), e.hasTemplate ? e.template.toString() : null, args);
        }
    }

    /** A record read back, with its index. */
    record Read(long index, Line line) {
    }

    /**
     * Logs {@code n} records of seeded random threads, loggers and templates (equal strings
     * that are other objects among them, and from {@code freshFrom} on 1,200 templates never seen
     * before, more than a block's ids), numbered by their first argument from {@code first}.
     */
    private static List<Line> log(QueueWriter w, Random random, int first, int n, int freshFrom) {
        List<Line> logged = new ArrayList<>();
        for (int i = first; i < first + n; i++) {
            String thread = THREADS[random.nextInt(THREADS.length)];
            String logger = LOGGERS[random.nextInt(LOGGERS.length)];
            if (random.nextInt(8) == 0) {
                logger = new String(logger.toCharArray()); // equal, not the same object
            }
            String template = i >= freshFrom && i < freshFrom + 1_200 ? "fresh " + i + " {}"
                    : TEMPLATES[random.nextInt(TEMPLATES.length)];
            assertTrue(w.append(MutableRecord.acquire().level(Level.INFO).thread(thread).logger(logger)
                    .template(template).argument(i).argument("alice")));
            logged.add(new Line(thread, logger, template, List.of(Integer.toString(i), "alice")));
        }
        return logged;
    }

    /** Every LOG record of the writer queue {@code dir} after {@code lastIndex} (-1: all). */
    private static List<Read> read(Path dir, long lastIndex, boolean plain) {
        List<Read> all = new ArrayList<>();
        RecordDecoder decoder = plain ? new RecordDecoder(true, false) : new RecordDecoder();
        try (WriterSource s = WriterSource.open(dir, lastIndex, null, true)) {
            while (s.fill(decoder, System.nanoTime())) {
                all.add(new Read(s.head().index, Line.of(s.head())));
                s.advance();
            }
            assertEquals(0, s.unknownStrings(), "every id referred to was defined");
            assertEquals(0, s.unreadable());
        }
        return all;
    }

    private static List<Line> lines(List<Read> read) {
        return read.stream().map(Read::line).toList();
    }

    private static Path writerDir(Path root) throws IOException {
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.filter(Files::isDirectory).findFirst().orElseThrow();
        }
    }

    private static long cycleFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(Queues.CYCLE_SUFFIX)).count();
        }
    }

    /**
     * Logs through a real writer, reads everything back from the start (as chars and as plain
     * bytes), then resumed after each record of {@code resumeAfter} (by its number in the
     * queue): every field as logged, every record once.
     */
    private void roundTrip(RollCycle rollCycle, int[] bursts, int freshFrom, ResumePoints resumeAfter) throws Exception {
        Random random = new Random(SEED);
        List<Line> logged = new ArrayList<>();
        Path root = tmp.resolve("q");
        try (QueueWriter w = QueueWriter.open(root, "p", rollCycle, 0, false)) {
            for (int b = 0; b < bursts.length; b++) {
                if (b > 0) {
                    Thread.sleep(1_100);
                }
                logged.addAll(log(w, random, logged.size(), bursts[b], freshFrom));
            }
        }
        Path dir = writerDir(root);
        List<Read> chars = read(dir, -1, false);
        assertEquals(logged, lines(chars));
        assertEquals(logged, lines(read(dir, -1, true)));
        for (int k = 0; k < chars.size() - 1; k++) {
            if (resumeAfter.test(rollCycle, chars, k)) {
                boolean plain = k % 2 == 0;
                assertEquals(chars.subList(k + 1, chars.size()), read(dir, chars.get(k).index(), plain),
                        "resumed after record " + k + " (plain: " + plain + ")");
            }
        }
    }

    /** Which records a round trip resumes after. */
    interface ResumePoints {
        boolean test(RollCycle rollCycle, List<Read> read, int k);
    }

    @Test
    void shouldReadEveryFieldAcrossBlocksFromTheStartAndResumedInsideABlock() throws Exception {
        // 20,000 records: a block boundary at least twice; from record 5,000 on, more new templates than ids
        roundTrip(RollCycles.FAST_DAILY, new int[] {20_000}, 5_000, (rollCycle, read, k) -> {
            long inBlock = rollCycle.toSequenceNumber(read.get(k + 1).index()) % RecordLayout.BLOCK_RECORDS;
            return k < 3 || inBlock <= 1 || inBlock == 1_000 || inBlock == RecordLayout.BLOCK_RECORDS - 1;
        });
        assertTrue(read(writerDir(tmp.resolve("q")), -1, true).stream().anyMatch(r -> RollCycles.FAST_DAILY
                .toSequenceNumber(r.index()) > 2 * RecordLayout.BLOCK_RECORDS), "the records span blocks");
    }

    @Test
    void shouldReadEveryFieldAcrossCycleRollsFromTheStartAndResumedAtTheLastRecordOfACycle() throws Exception {
        roundTrip(SECONDLY, new int[] {300, 300, 100}, 100, (rollCycle, read, k) -> k % 50 == 0
                || rollCycle.toCycle(read.get(k).index()) != rollCycle.toCycle(read.get(k + 1).index()));
        assertTrue(cycleFiles(writerDir(tmp.resolve("q"))) >= 3, "cycles rolled");
    }

    @Test
    void shouldReadARecordWhoseStringsWereFirstDefinedInACycleTheDrainerDeleted() throws Exception {
        Path root = tmp.resolve("q");
        Path logfile = tmp.resolve("app.log");
        try (QueueWriter w = QueueWriter.open(root, "p", SECONDLY, 0, false)) {
            Path dir = writerDir(root);
            append(w, "first in cycle 1");
            append(w, "second in cycle 1");
            Thread.sleep(1_100);
            append(w, "first in cycle 2");
            assertEquals(3, InProcessDrain.drain(root, logfile, "text"));
            assertEquals(1, cycleFiles(dir), "the drainer deleted the written cycle");
            append(w, "second in cycle 2"); // refers to what "first in cycle 2" defined again
            assertEquals(List.of("first in cycle 2", "second in cycle 2"),
                    read(dir, -1, true).stream().map(r -> r.line().args().get(0)).toList(),
                    "from the start of what is left");
            Thread.sleep(1_100);
            append(w, "first in cycle 3");
            assertEquals(2, InProcessDrain.drain(root, logfile, "text"));
            assertEquals(List.of("first in cycle 1", "second in cycle 1", "first in cycle 2", "second in cycle 2",
                    "first in cycle 3"), Files.readAllLines(logfile).stream()
                    .map(l -> l.substring(l.indexOf(" [main] kept.Logger - ") + 22)).toList());
        }
    }

    @Test
    void shouldDefineStringsAgainAfterARecordThatDefinedThemWasNotWritten() throws Exception {
        Map<String, String> failing = new HashMap<>(Map.of("k", "v")) {
            @Override
            public void forEach(BiConsumer<? super String, ? super String> action) {
                throw new IllegalStateException("an MDC that fails while the record is encoded");
            }
        };
        Path root = tmp.resolve("q");
        try (QueueWriter w = QueueWriter.open(root, "p", RollCycles.FIVE_MINUTELY, 0, false)) {
            append(w, "before");
            assertFalse(w.append(MutableRecord.acquire().level(Level.INFO).thread("t-new").logger("l.New")
                    .template("{}").argument("lost").mdc(failing)), "rolled back and counted");
            assertEquals(1, w.dropped());
            assertTrue(w.append(MutableRecord.acquire().level(Level.INFO).thread("t-new").logger("l.New")
                    .template("{}").argument("after")));
            append(w, "last");
        }
        List<Line> read = lines(read(writerDir(root), -1, true));
        assertEquals(List.of(new Line("main", "kept.Logger", "{}", List.of("before")),
                new Line("t-new", "l.New", "{}", List.of("after")),
                new Line("main", "kept.Logger", "{}", List.of("last"))), read.subList(0, 3));
    }

    private static void append(QueueWriter w, String message) {
        assertTrue(w.append(MutableRecord.acquire().level(Level.INFO).thread("main").logger("kept.Logger")
                .template("{}").argument(message)));
    }

    /** A writer queue of layout 1 as the writers before layout 2 wrote it: HELLO of version 1, LOG records in full. */
    private static void writeLayout1Queue(Path dir, List<Line> lines) {
        RecordEncoder encoder = new RecordEncoder(RollCycles.FIVE_MINUTELY);
        ProcessIdentity me = ProcessIdentity.current();
        long now = System.currentTimeMillis() * 1_000_000L;
        try (SingleChronicleQueue queue = Queues.forWriting(dir, RollCycles.FIVE_MINUTELY, (cycle, file) -> { });
             ExcerptAppender appender = queue.createAppender()) {
            try (DocumentContext dc = appender.writingDocument()) {
                Bytes<?> bytes = dc.wire().bytes();
                long start = bytes.writePosition();
                encoder.header(bytes, RecordLayout.KIND_HELLO, (byte) 0);
                encoder.hello(bytes, "old", me.pid(), me.startMillis(), me.host(), me.pidNamespace(), "1.0");
                bytes.writeByte(start + RecordLayout.HEADER_LENGTH, (byte) 1); // its layout version
                encoder.timestamp(bytes, now);
            }
            for (Line line : lines) {
                try (DocumentContext dc = appender.writingDocument()) {
                    Bytes<?> bytes = dc.wire().bytes();
                    encoder.header(bytes, RecordLayout.KIND_LOG_V1, Level.INFO.code());
                    encoder.logV1(bytes, new MutableRecord().level(Level.INFO).thread(line.thread())
                            .logger(line.logger()).template(line.template()).arguments(line.args().toArray()));
                    encoder.timestamp(bytes, now++);
                }
            }
            try (DocumentContext dc = appender.writingDocument()) {
                encoder.header(dc.wire().bytes(), RecordLayout.KIND_GOODBYE, RecordLayout.GOODBYE_CLOSED);
                encoder.counter(dc.wire().bytes(), 0);
                encoder.timestamp(dc.wire().bytes(), now);
            }
        }
    }

    @Test
    void shouldReadAQueueOfLayout1AsBefore() throws Exception {
        List<Line> lines = List.of(new Line("main", "bench.Orders", "order {} for {}", List.of("42", "alice")),
                new Line("wörker", "a.B", null, List.of()), new Line("main", "bench.Orders", "again {}", List.of("x")));
        Path root = tmp.resolve("q");
        ProcessIdentity me = ProcessIdentity.current();
        Path dir = root.resolve(WriterDirectory.name(me.pid(), me.startMillis(), 5));
        writeLayout1Queue(dir, lines);
        assertEquals(lines, lines(read(dir, -1, false)));
        assertEquals(lines, lines(read(dir, -1, true)));
        List<Read> all = read(dir, -1, true);
        assertEquals(lines.subList(1, 3), lines(read(dir, all.get(0).index(), true)), "resumed after the first");
        Path logfile = tmp.resolve("app.log");
        assertEquals(3, InProcessDrain.drain(root, logfile, "text"));
        assertEquals(List.of("[main] bench.Orders - order 42 for alice", "[wörker] a.B - null",
                "[main] bench.Orders - again x"), Files.readAllLines(logfile).stream()
                .map(l -> l.substring(l.indexOf(" [") + 1)).toList());
    }

    @Test
    void shouldWriteAPlaceholderForAStringWhoseDefinitionIsDamagedAndCountIt() throws Exception {
        Path root = tmp.resolve("q");
        try (QueueWriter w = QueueWriter.open(root, "p", RollCycles.FIVE_MINUTELY, 0, false)) {
            for (int i = 0; i < 3; i++) {
                append(w, "record " + i);
            }
        }
        Path dir = writerDir(root);
        Path cycleFile;
        try (Stream<Path> files = Files.list(dir)) {
            cycleFile = files.filter(f -> f.toString().endsWith(Queues.CYCLE_SUFFIX)).findFirst().orElseThrow();
        }
        byte[] file = Files.readAllBytes(cycleFile);
        byte[] logger = "kept.Logger".getBytes(StandardCharsets.US_ASCII);
        int at = indexOf(file, logger);
        assertEquals(logger.length, file[at - 1], "the length of the first record's definition of its logger");
        try (RandomAccessFile raf = new RandomAccessFile(cycleFile.toFile(), "rw")) {
            raf.seek(at - 1);
            raf.write(0x7F); // longer than the record: the record is unreadable, its logger and template undefined
        }
        RecordDecoder decoder = new RecordDecoder(true, false);
        List<Read> read = new ArrayList<>();
        try (WriterSource s = WriterSource.open(dir, -1, null, true)) {
            while (s.fill(decoder, System.nanoTime())) {
                read.add(new Read(s.head().index, Line.of(s.head())));
                s.advance();
            }
            assertEquals(1, s.unreadable());
            assertEquals(4, s.unknownStrings(), "logger and template of each later record");
        }
        Line unknown1 = new Line("main", "<applog: unknown string #2>", "<applog: unknown string #3>", List.of("record 1"));
        Line unknown2 = new Line("main", "<applog: unknown string #2>", "<applog: unknown string #3>", List.of("record 2"));
        assertEquals(List.of(unknown1, unknown2), lines(read));
        try (WriterSource s = WriterSource.open(dir, read.get(0).index(), null, true)) {
            assertTrue(s.fill(decoder, System.nanoTime()), "resumed after the damaged definition, read past it");
            assertEquals(unknown2, Line.of(s.head()));
            assertEquals(2, s.unknownStrings());
        }
    }

    private static int indexOf(byte[] in, byte[] what) {
        outer:
        for (int i = 0; i <= in.length - what.length; i++) {
            for (int j = 0; j < what.length; j++) {
                if (in[i + j] != what[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }
}

package io.applog.it;

import io.applog.testing.Children;

import io.applog.it.QueueDocs.Doc;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A writer queue damaged on disk after {@code applog log} wrote 20,000 records and exited (bit
 * rot, a torn page, a bad disk): the drainer writes every record it can reach, reports each
 * damaged place in one line, skips to the next record Chronicle's index reaches, counts what it
 * could not reach, keeps the damaged file (the writer queue set aside as {@code *.damaged},
 * never deleted) and exits 1 with the count. Each case damages its own copy of one queue, at
 * places a fixed seed picks (printed, and in every failure message).
 */
class DamagedQueueTest {
    private static final int RECORDS = 20_000;

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path shared;
    private static Path pristine;
    private static QueueDocs map;
    private static List<Doc> docs;
    private static long spacing;
    private static String writer;
    private static String cycleFile;

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path tmp;
    private Children children;
    private Path queue;
    private Path logfile;

    /** One queue of 20,000 records ("w=w seq=N") written by {@code applog log} from standard input, then mapped. */
    @BeforeAll
    static void writeQueue() throws Exception {
        pristine = shared.resolve("q");
        Children writing = new Children(shared);
        try {
            writer = QueueDocs.logRecords(writing, pristine, "w", RECORDS, "").getFileName().toString();
        } finally {
            writing.close();
        }
        map = QueueDocs.read(pristine.resolve(writer));
        docs = map.docs();
        spacing = map.spacing();
        cycleFile = map.cycleFile();
        assertEquals(RECORDS, docs.stream().filter(Doc::log).count());
    }

    @BeforeEach
    void copyQueue() throws IOException {
        children = new Children(tmp);
        queue = tmp.resolve("q");
        logfile = tmp.resolve("app.log");
        try (Stream<Path> files = Files.walk(pristine)) {
            for (Path p : files.toList()) {
                Files.copy(p, queue.resolve(pristine.relativize(p).toString()));
            }
        }
    }

    @AfterEach
    void killChildren() throws InterruptedException {
        children.close();
    }

    private static List<Doc> middleThird() {
        return map.middleThird();
    }

    private void write(long position, byte[] bytes) throws IOException {
        map.write(queue.resolve(writer), position, bytes);
    }

    private String damagedFile() {
        return map.damagedFile(queue.resolve(writer));
    }

    private static String unreadableHeader(long index) {
        return "record index=" + index + " unreadable (no readable record where the file holds one (a damaged header))";
    }

    /** Runs the drainer over the damaged copy; returns its stderr lines after checking it exited 1. */
    private List<String> drain(String context) throws Exception {
        Process d = children.drainer("drainer", queue, logfile, "--timeout-sec", "1");
        assertEquals(1, children.exitWhileGrowing(d, "drainer", logfile, 60, context), context + children.stderr("drainer"));
        return children.stderr("drainer").lines().toList();
    }

    /** The two closing lines: the writer queue set aside, and the count. */
    private List<String> closing(long unreadable) {
        return map.closing(queue.resolve(writer + ".damaged"), unreadable);
    }

    /**
     * Checks what is left: the queue dir holds the drainer's files and the writer queue set aside
     * with the damaged cycle file (its size unchanged), its note (one line per damaged place)
     * and its metadata; a second drainer finds nothing to do.
     */
    private void assertKept(List<String> notes, String context) throws Exception {
        try (Stream<Path> all = Files.walk(queue)) {
            assertEquals(map.keptListing(writer + ".damaged"),
                    all.filter(p -> !p.equals(queue)).map(p -> queue.relativize(p).toString()).sorted().toList(), context);
        }
        Path kept = queue.resolve(writer + ".damaged");
        assertEquals(Files.size(pristine.resolve(writer).resolve(cycleFile)), Files.size(kept.resolve(cycleFile)), context);
        assertEquals(notes, Files.readAllLines(kept.resolve(cycleFile + ".damaged")), context);
        assertFalse(Files.readString(queue.resolve("drainer.checkpoint")).contains("\nwriter "), context);
        long size = Files.size(logfile);
        Process again = children.drainer("again", queue, logfile, "--timeout-sec", "1");
        assertEquals(0, children.exit(again, "again", 60, context), context + children.stderr("again"));
        assertEquals("", children.stderr("again"), context);
        assertEquals(size, Files.size(logfile), context);
    }

    /** The sequence numbers of the records written, in file order. */
    private List<Integer> written() throws IOException {
        LogFile log = LogFile.read(logfile);
        log.assertTimestampOrder();
        return log.sequences().getOrDefault("w", List.of());
    }

    private static List<Integer> allBut(java.util.Set<Integer> missing) {
        List<Integer> expected = new ArrayList<>();
        for (int i = 1; i <= RECORDS; i++) {
            if (!missing.contains(i)) {
                expected.add(i);
            }
        }
        return expected;
    }

    @Test
    void shouldSkipEachRecordWithADamagedBodyAlone() throws Exception {
        long seed = 1401;
        String context = "seed " + seed + ": ";
        System.out.println("DamagedQueueTest body: " + context);
        Random random = new Random(seed);
        List<Doc> candidates = middleThird();
        TreeSet<Long> picked = new TreeSet<>();
        while (picked.size() < 5) {
            picked.add((long) random.nextInt(candidates.size()));
        }
        List<String> lines = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        java.util.Set<Integer> missing = new java.util.HashSet<>();
        for (long k : picked) {
            Doc d = candidates.get((int) k);
            String what = map.damageBody(queue.resolve(writer), d);
            lines.add(map.damagedLine(queue.resolve(writer), what, 1, d.index() + 1));
            notes.add(QueueDocs.note(d.index(), 1, what));
            missing.add(d.seq());
        }
        List<String> stderr = drain(context);
        List<String> expected = new ArrayList<>(lines);
        expected.addAll(closing(5));
        assertEquals(expected, stderr, context);
        assertEquals(allBut(missing), written(), context);
        assertKept(notes, context);
    }

    @Test
    void shouldSkipFromARecordWithAZeroedHeaderToTheNextIndexedRecord() throws Exception {
        long seed = 1402;
        String context = "seed " + seed + ": ";
        System.out.println("DamagedQueueTest header: " + context);
        List<Doc> candidates = middleThird();
        Doc d = candidates.get(new Random(seed).nextInt(candidates.size()));
        write(d.position() - 4, new byte[4]); // Chronicle's header of the record: length and flags
        long next = (d.index() / spacing + 1) * spacing; // the index holds every spacing-th record's position
        long skipped = next - d.index();
        java.util.Set<Integer> missing = new java.util.HashSet<>();
        for (Doc x : docs) {
            if (x.index() >= d.index() && x.index() < next && x.log()) {
                missing.add(x.seq());
            }
        }
        String what = unreadableHeader(d.index());
        List<String> expected = new ArrayList<>(List.of(map.damagedLine(queue.resolve(writer), what, skipped, next)));
        expected.addAll(closing(skipped));
        assertEquals(expected, drain(context), context);
        assertEquals(allBut(missing), written(), context);
        assertKept(List.of(QueueDocs.note(d.index(), skipped, what)), context);
    }

    @Test
    void shouldCountTheRecordsOfAZeroedEndAndKeepTheQueue() throws Exception {
        long seed = 1403;
        String context = "seed " + seed + ": ";
        System.out.println("DamagedQueueTest end: " + context);
        List<Doc> logs = docs.stream().filter(Doc::log).toList();
        Doc d = logs.get(logs.size() - 1 - new Random(seed).nextInt(100));
        Doc last = docs.get(docs.size() - 1);
        assertEquals('G', last.kind(), "the queue ends with its GOODBYE");
        write(d.position() - 4, new byte[(int) (last.position() + last.length() - d.position() + 4)]); // a torn end: zeros
        // the file's header counts its records up to the last one written, whose bytes are gone
        // now: the records from the damaged one up to it are what it cannot reach
        long skipped = last.index() - d.index();
        String what = unreadableHeader(d.index());
        List<String> expected = new ArrayList<>(List.of(damagedFile() + what + "; skipped=" + skipped
                + ", nothing readable after it"));
        expected.addAll(closing(skipped));
        assertEquals(expected, drain(context), context);
        assertEquals(allBut(new java.util.HashSet<>(java.util.stream.IntStream.rangeClosed(d.seq(), RECORDS).boxed().toList())),
                written(), context);
        assertKept(List.of(QueueDocs.note(d.index(), skipped, what)), context);
    }

    /**
     * Damage in the queue of a writer still running, found by a drainer that is then killed
     * with kill -9; a second drainer reads on: the damaged places are counted once (from the
     * notes the first one left), every other record is written once, the queue is kept.
     */
    @Test
    void shouldCountDamageFoundBeforeARestartOnceInTheQueueOfALiveWriter() throws Exception {
        long seed = 1405;
        String context = "seed " + seed + ": ";
        System.out.println("DamagedQueueTest live: " + context);
        Random random = new Random(seed);
        Path live = tmp.resolve("live");
        Path log = tmp.resolve("live.log");
        Process w = children.start("w", WriterMain.class, List.of("-Dprogress=true", QueueDocs.ONE_CYCLE), live.toString(),
                "w", "3000", "1000", "4000");
        children.awaitLines("w", 1000, 120); // then it pauses 4 s: its file is damaged meanwhile
        Path dir;
        try (Stream<Path> dirs = Files.list(live)) {
            dir = dirs.filter(p -> p.getFileName().toString().startsWith("w-")).findFirst().orElseThrow();
        }
        QueueDocs q = QueueDocs.read(dir);
        List<Doc> logs = q.docs().stream().filter(Doc::log).toList();
        Doc header = logs.get(200 + random.nextInt(300));
        long next = (header.index() / q.spacing() + 1) * q.spacing();
        q.write(dir, header.position() - 4, new byte[4]);
        java.util.Set<Integer> missing = new java.util.HashSet<>();
        for (Doc x : q.docs()) {
            if (x.index() >= header.index() && x.index() < next && x.log()) {
                missing.add(x.seq());
            }
        }
        List<String> notes = new ArrayList<>();
        while (notes.size() < 2) {
            Doc d = logs.get(random.nextInt(1000));
            if ((d.index() < header.index() - 1 || d.index() > next) && missing.add(d.seq())) {
                notes.add(QueueDocs.note(d.index(), 1, q.damageBody(dir, d)));
            }
        }
        notes.add(QueueDocs.note(header.index(), next - header.index(), unreadableHeader(header.index())));
        notes.sort(java.util.Comparator.comparingLong(n -> Long.parseLong(n.substring(6, n.indexOf(' ')))));
        long unreadable = 2 + next - header.index();

        Process first = children.drainer("first", live, log, "--timeout-sec", "0");
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(120);
        while (!Files.exists(log) || Files.readAllLines(log).size() < 1000 - missing.size()) {
            assertTrue(System.nanoTime() < deadline && first.isAlive(), context + children.stderr("first"));
            Thread.sleep(10);
        }
        Children.signal(first, "KILL");
        assertEquals(137, children.exit(first, "first", 30, context));
        Process second = children.drainer("second", live, log, "--timeout-sec", "1");
        assertEquals(0, children.exit(w, "w", 120, context), context + children.stderr("w"));
        assertEquals(1, children.exitWhileGrowing(second, "second", log, 60, context), context + children.stderr("second"));
        Path kept = live.resolve(dir.getFileName() + ".damaged");
        List<String> said = children.stderr("second").lines().toList();
        assertEquals(q.closing(kept, unreadable), said.subList(Math.max(0, said.size() - 2), said.size()), context);
        List<Integer> expected = new ArrayList<>();
        for (int i = 1; i <= 3000; i++) {
            if (!missing.contains(i)) {
                expected.add(i);
            }
        }
        assertEquals(expected, LogFile.read(log).sequences().get("w"), context);
        assertEquals(notes, Files.readAllLines(kept.resolve(q.cycleFile() + ".damaged")), context);
    }

    /**
     * The reproduction from the report: 20 random bytes of the middle third flipped. Records
     * carry no checksum, so a flip inside a message's text or timestamp, or in a string id, is
     * written as read; the drainer must still never delete the queue, never print a dump, and
     * count what it skips.
     */
    @Test
    void shouldNeverDeleteAQueueWithFlippedBytesNorPrintADump() throws Exception {
        long seed = 1404;
        String context = "seed " + seed + ": ";
        Random random = new Random(seed);
        List<Doc> candidates = middleThird();
        long from = candidates.get(0).position();
        long to = candidates.get(candidates.size() - 1).position();
        for (int i = 0; i < 20; i++) {
            long at = from + (long) (random.nextDouble() * (to - from));
            byte[] b = new byte[1];
            try (RandomAccessFile f = new RandomAccessFile(queue.resolve(writer).resolve(cycleFile).toFile(), "rw")) {
                f.seek(at);
                b[0] = (byte) (f.readByte() ^ (1 << random.nextInt(8)));
                f.seek(at);
                f.write(b);
            }
        }
        List<String> stderr = drain(context);
        long unreadable = Long.parseLong(stderr.get(stderr.size() - 1).replaceAll("applog drain: unreadable=(\\d+) .*", "$1"));
        List<String> lines = Files.readAllLines(logfile, StandardCharsets.UTF_8);
        int intact = 0;
        for (String line : lines) {
            if (line.matches(".* INFO  w\\[\\d+\\] \\[main\\] shell - w=w seq=\\d+")) {
                intact++;
            }
        }
        System.out.println("DamagedQueueTest flipped bytes: " + context + "written=" + lines.size() + " intact=" + intact
                + " unreadable=" + unreadable + " damage lines=" + (stderr.size() - 2));
        for (String line : stderr.subList(0, stderr.size() - 2)) {
            assertTrue(line.startsWith(damagedFile() + "record") && line.length() < 400, context + line);
        }
        assertEquals(closing(unreadable), stderr.subList(stderr.size() - 2, stderr.size()), context);
        assertTrue(unreadable >= 1 && lines.size() + unreadable >= RECORDS && lines.size() >= 19_000,
                context + lines.size() + " written, " + unreadable + " unreadable");
        // A record written twice is the same line twice, its time included: a flipped bit in a
        // string id may make a record show another record's template (seq=N twice, at two times)
        Map<String, List<Integer>> byLine = new java.util.HashMap<>();
        for (String line : lines) {
            if (line.matches(".* - w=w seq=(\\d+)")) {
                byLine.computeIfAbsent(line, k -> new ArrayList<>()).add(1);
            }
        }
        assertTrue(byLine.values().stream().allMatch(v -> v.size() == 1), context + "a record written twice");
        assertTrue(Files.exists(queue.resolve(writer + ".damaged").resolve(cycleFile)), context);
    }
}

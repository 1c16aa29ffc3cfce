package io.applog.it;

import io.applog.testing.ChildProcessTest;

import io.applog.testing.Children;

import io.applog.it.QueueDocs.Doc;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The edges in one run: a drainer rotating the logfile by size is killed with kill -9 right
 * after one rotation (three times, while a writer process logs), a writer that has finished
 * has its queue file damaged, and a restarted drainer writes the rest: every record of the
 * live writer once, in order, across the rotated files; every record of the damaged queue but
 * the damaged ones; the damaged queue kept; exit 1 with the count.
 */
class RestartRotationDamageTest extends ChildProcessTest {
    private static final int LIVE = 30_000;
    private static final int LOGGED = 5_000;

    private static long rotatedFiles(Path logfile) throws Exception {
        try (Stream<Path> files = Files.list(logfile.getParent())) {
            return files.filter(p -> p.getFileName().toString().matches("app\\.log\\.\\d+")).count();
        }
    }

    @Test
    void shouldWriteEveryRecordOnceAcrossKilledRotationsARestartAndADamagedQueue() throws Exception {
        long seed = 1406;
        String context = "seed " + seed + ": ";
        System.out.println("RestartRotationDamageTest: " + context);
        Random random = new Random(seed);
        Path queue = tmp.resolve("q");
        Path logfile = tmp.resolve("app.log");
        String[] rotating = {"--max-size", "16KB", "--keep", "1000"};

        Process live = children.start("live", WriterMain.class, List.of(), queue.toString(), "live",
                Integer.toString(LIVE), "1000", "50");
        children.awaitWriters(queue, 1);
        for (int round = 1; round <= 3; round++) {
            String name = "killed-" + round;
            List<String> args = new ArrayList<>(List.of("--timeout-sec", "0"));
            args.addAll(List.of(rotating));
            Process d = children.drainer(name, queue, logfile, args.toArray(new String[0]));
            long before = rotatedFiles(logfile);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (rotatedFiles(logfile) == before) {
                assertTrue(System.nanoTime() < deadline && d.isAlive(), context + name + " never rotated: "
                        + children.stderr(name));
                Thread.sleep(1);
            }
            Thread.sleep(random.nextInt(20)); // around the next rotation
            Children.signal(d, "KILL");
            assertEquals(137, children.exit(d, name, 30, context), context + children.stderr(name));
        }
        assertEquals(0, children.exit(live, "live", 300, context), context + children.stderr("live"));

        Path damaged = QueueDocs.logRecords(children, queue, "logged", LOGGED, context);
        QueueDocs docs = QueueDocs.read(damaged);
        List<Doc> middle = docs.middleThird();
        Map<Long, Doc> picked = new TreeMap<>();
        while (picked.size() < 3) {
            Doc d = middle.get(random.nextInt(middle.size()));
            picked.put(d.index(), d);
        }
        List<String> expected = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<Integer> kept = new ArrayList<>();
        for (Doc d : picked.values()) {
            String what = docs.damageBody(damaged, d);
            expected.add(docs.damagedLine(damaged, what, 1, d.index() + 1));
            notes.add(QueueDocs.note(d.index(), 1, what));
        }
        for (Doc d : docs.docs()) {
            if (d.log() && !picked.containsKey(d.index())) {
                kept.add(d.seq());
            }
        }
        Path aside = queue.resolve(damaged.getFileName() + ".damaged");
        expected.addAll(docs.closing(aside, 3));

        List<String> args = new ArrayList<>(List.of("--timeout-sec", "1"));
        args.addAll(List.of(rotating));
        Process restarted = children.drainer("restarted", queue, logfile, args.toArray(new String[0]));
        assertEquals(1, children.exitWhileGrowing(restarted, "restarted", logfile, 60, context),
                context + children.stderr("restarted"));
        assertEquals(expected, children.stderr("restarted").lines().toList(), context);

        LogFile all = new LogFile(LogFile.rotatedLines(logfile, 1000));
        all.assertTimestampOrder();
        Map<String, List<Integer>> seqs = all.sequences();
        assertEquals(List.of("live", "logged"), seqs.keySet().stream().sorted().toList(), context);
        LogFile.assertRange(seqs.get("live"), LIVE, context + "live");
        assertEquals(kept, seqs.get("logged"), context + "logged");
        try (Stream<Path> left = Files.walk(queue)) {
            String name = aside.getFileName().toString();
            assertEquals(docs.keptListing(name),
                    left.filter(p -> !p.equals(queue)).map(p -> queue.relativize(p).toString()).sorted().toList(), context);
        }
        assertEquals(notes, Files.readAllLines(aside.resolve(docs.cycleFile() + ".damaged")), context);
        System.out.println("RestartRotationDamageTest: " + context + rotatedFiles(logfile) + " rotated files");
    }
}

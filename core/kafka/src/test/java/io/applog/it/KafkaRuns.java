package io.applog.it;

import io.applog.cli.Main;
import io.applog.kafka.cli.KafkaMain;
import io.applog.testing.Children;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The child processes of a test across hosts ({@code applog ship}, {@code applog collect},
 * checked writers) on one broker, started through the shared harness, and the waits and
 * checks on what they wrote.
 */
final class KafkaRuns {
    /** Records of each checked writer started by {@link #startWriters}. */
    static final int PER_WRITER = 20_000;

    private final Children children;
    private final KafkaBroker broker;

    KafkaRuns(Children children, KafkaBroker broker) {
        this.children = children;
        this.broker = broker;
    }

    /**
     * Starts {@code n} checked writers {@code <prefix>1..n} of {@link #PER_WRITER} records,
     * pausing {@code pauseMillis} every {@code pauseEvery} records.
     */
    List<Process> startWriters(Path queue, String prefix, int n, int pauseEvery, int pauseMillis) throws Exception {
        return startWriters(queue, prefix, n, pauseEvery, pauseMillis, List.of());
    }

    /** As {@link #startWriters(Path, String, int, int, int)}, the writer JVMs with {@code jvm} options. */
    List<Process> startWriters(Path queue, String prefix, int n, int pauseEvery, int pauseMillis, List<String> jvm)
            throws Exception {
        List<Process> writers = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            writers.add(children.start(prefix + i, CheckedWriterMain.class, jvm, queue.toString(), prefix + i,
                    Integer.toString(PER_WRITER), Integer.toString(pauseEvery), Integer.toString(pauseMillis)));
        }
        children.awaitWriters(queue, n);
        return writers;
    }

    /**
     * One queue dir ({@code q}) of two checked writers {@code <prefix>1} and {@code <prefix>2},
     * shipped to {@code topic} and collected into {@code all.log}, with the random moments of a
     * run that its seed replays: every failure message starts with {@code context}.
     */
    record SeededRun(String topic, Path queue, Path logfile, String prefix, List<Process> writers, Random random,
                     String context) {
    }

    /**
     * Creates {@code topic} (3 partitions) and starts the writers of a {@link SeededRun} in
     * {@code dir}, pausing 20 ms every 100 records; the seed is {@link Stress#seed}'s.
     */
    SeededRun startSeededRun(Path dir, String topic, String prefix) throws Exception {
        long seed = Stress.seed();
        String context = "seed " + seed + ": ";
        Random random = new Random(seed);
        broker.createTopic(topic, 3);
        Path queue = dir.resolve("q");
        Path logfile = dir.resolve("all.log");
        List<Process> writers = startWriters(queue, prefix, 2, 100, 20);
        return new SeededRun(topic, queue, logfile, prefix, writers, random, context);
    }

    /**
     * Waits until the writers of {@code run} exit 0, then {@code shipper}, and until the
     * collector has written both writers' records; stops the collector and checks that
     * {@code run}'s logfile holds every record once, each writer in order.
     */
    void finishExactlyOnce(SeededRun run, Process shipper, String shipperName, Process collector, String collectorName)
            throws Exception {
        String context = run.context();
        awaitWriters(run.writers(), run.prefix(), context);
        assertEquals(0, children.exit(shipper, shipperName, 120, context), context + children.stderr(shipperName));
        awaitLines(run.logfile(), 2L * PER_WRITER, collector, context);
        stop(collector, collectorName, context);
        assertExactlyOnce(run.logfile(), run.prefix(), 2, false, context);
    }

    /** Writes 300 records of process {@code alpha} and 200 of {@code beta} into {@code queue} (children "a" and "b"). */
    void writeAlphaAndBeta(Path queue) throws Exception {
        children.start("a", WriterMain.class, List.of(), queue.toString(), "alpha", "300");
        children.start("b", WriterMain.class, List.of(), queue.toString(), "beta", "200");
        children.awaitSuccess(60, "a", "b");
    }

    /** What {@code applog cat --queue} prints of {@code queue} (child "cat", exit 0 within 60 s). */
    List<String> catQueue(Path queue) throws Exception {
        Process cat = children.start("cat", Main.class, List.of(), "cat", "--queue", queue.toString());
        assertEquals(0, children.exit(cat, "cat", 60), children.stderr("cat"));
        return children.stdout("cat");
    }

    /**
     * Ships all of {@code queue} to {@code topic} as host {@code h}: {@code applog ship} (child
     * "ship") exits 1 s after the queue's last writer, with 0, within {@code seconds}.
     */
    void shipAll(Path queue, String topic, int seconds) throws Exception {
        Process ship = children.start("ship", KafkaMain.class, List.of(), "ship", "--queue", queue.toString(),
                "--kafka", broker.bootstrap(), "--topic", topic, "--host", "h", "--timeout-sec", "1");
        assertEquals(0, children.exit(ship, "ship", seconds), children.stderr("ship"));
    }

    /** Waits until the writers {@code <prefix>1..} exit 0. */
    void awaitWriters(List<Process> writers, String prefix, String context) throws Exception {
        for (int i = 0; i < writers.size(); i++) {
            String name = prefix + (i + 1);
            assertEquals(0, children.exit(writers.get(i), name, 120, context), context + children.stderr(name));
        }
    }

    /** Fails unless {@code logfile} holds every record of the writers {@code <prefix>1..n} once, each in order. */
    static void assertExactlyOnce(Path logfile, String prefix, int n, boolean inTimeOrder, String context)
            throws IOException {
        CheckedLog log = CheckedLog.read(logfile, writer -> CheckedRecords.VARYING, context, false, inTimeOrder);
        for (int i = 1; i <= n; i++) {
            log.assertExactly(prefix + i, PER_WRITER);
        }
        assertEquals((long) n * PER_WRITER, log.records, context + "records");
    }

    /** Waits until the shipper of {@code queue} has checkpointed messages the broker acknowledged. */
    static void awaitShipped(Path queue) throws Exception {
        Path checkpoint = queue.resolve("drainer.checkpoint");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            if (Files.exists(checkpoint)
                    && Files.readString(checkpoint).lines().anyMatch(l -> l.matches("sink kafka [1-9]\\d* .*"))) {
                return;
            }
            Thread.sleep(100);
        }
        fail("nothing shipped from " + queue + " within 90 s");
    }

    /**
     * {@code applog ship} of {@code queue} as {@code host}, exiting 2 s after its last writer
     * unless {@code extra} sets {@code --timeout-sec}.
     */
    Process ship(String name, Path queue, String topic, String host, String... extra) throws IOException {
        List<String> args = new ArrayList<>(List.of("ship", "--queue", queue.toString(), "--kafka", broker.bootstrap(),
                "--topic", topic, "--host", host));
        if (!List.of(extra).contains("--timeout-sec")) {
            args.addAll(List.of("--timeout-sec", "2"));
        }
        args.addAll(List.of(extra));
        return children.start(name, KafkaMain.class, List.of(), args.toArray(new String[0]));
    }

    /** {@code applog collect} of {@code topic} from its beginning into {@code logfile}. */
    Process collect(String name, String topic, Path logfile, String... extra) throws IOException {
        List<String> args = new ArrayList<>(List.of("collect", "--kafka", broker.bootstrap(), "--topic", topic,
                "--logfile", logfile.toString(), "--from-beginning"));
        args.addAll(List.of(extra));
        return children.start(name, KafkaMain.class, List.of(), args.toArray(new String[0]));
    }

    /** Stops a collector with SIGTERM: it writes what it holds and saves (the JVM's exit code is 128 + 15). */
    void stop(Process p, String name, String context) throws Exception {
        Children.signal(p, "TERM");
        assertEquals(143, children.exit(p, name, 60, context), context + children.stderr(name));
    }

    /** Waits until {@code logfile} holds {@code n} lines, while it grows (a 30 s stall fails). */
    static void awaitLines(Path logfile, long n, Process collector, String context) throws Exception {
        long lines = -1;
        long stalledSince = System.nanoTime();
        while (true) {
            long now = countLines(logfile);
            if (now >= n) {
                return;
            }
            if (now != lines) {
                lines = now;
                stalledSince = System.nanoTime();
            } else if (System.nanoTime() - stalledSince > TimeUnit.SECONDS.toNanos(30)) {
                fail(context + logfile.getFileName() + " stuck at " + now + " of " + n + " lines; collector alive: "
                        + collector.isAlive());
            }
            Thread.sleep(250);
        }
    }

    static long countLines(Path file) throws IOException {
        if (!Files.exists(file)) {
            return 0;
        }
        long n = 0;
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            int r;
            while ((r = in.read(buf)) > 0) {
                for (int i = 0; i < r; i++) {
                    if (buf[i] == '\n') {
                        n++;
                    }
                }
            }
        }
        return n;
    }
}

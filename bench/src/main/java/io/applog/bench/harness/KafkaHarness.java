package io.applog.bench.harness;

import io.applog.ApplogSettings;
import io.applog.Level;
import io.applog.bench.Jvm;
import io.applog.bench.peer.DrainerChild;
import io.applog.bench.peer.LineCounter;
import io.applog.bench.peer.Message;
import io.applog.bench.peer.Peers;
import io.applog.bench.report.HarnessResults;
import io.applog.internal.Queues;
import io.applog.internal.SecureFiles;
import io.applog.it.KafkaBroker;
import io.applog.record.MutableRecord;
import io.applog.writer.QueueWriter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Across hosts through a single-node Kafka broker on this machine ({@link KafkaBroker}, run on
 * {@link Jvm#brokerClassPath}): the rate of {@code applog ship} (a writer queue pre-filled in this JVM, moved
 * into the queue dir of a running shipper, until the shipper has deleted it, which it does once
 * the broker has acknowledged every record and the checkpoint says so), the rate of
 * {@code applog collect --from-beginning} of that topic (its first line in the file to its
 * last), and append to line through ship, topic and collect ({@link DelayHarness#measure}).
 */
public final class KafkaHarness {
    /** Paced rate of append to line through Kafka, messages per second. */
    public static final int DELAY_RATE = 10_000;
    /** Records shipped first (and collected too), so that the shipper is connected and warm. */
    static final int WARMUP_RECORDS = 10_000;
    private static final long POLL_NANOS = 1_000_000;

    private KafkaHarness() {
    }

    /** A broker started from the class path the build wrote ({@link Jvm#brokerClassPath}). */
    public static KafkaBroker startBroker() throws IOException, InterruptedException {
        return KafkaBroker.start(Jvm.brokerClassPath());
    }

    /** Ships {@code records} records, collects them, then times append to line for {@code delaySeconds}. */
    public static HarnessResults.Kafka run(KafkaBroker broker, int records, int delaySeconds) throws Exception {
        Path dir = Peers.tempDir("kafka");
        try {
            String topic = "ship";
            broker.createTopic(topic, 1);
            Path staging = dir.resolve("staging");
            Path warmup = fill(staging, "warmup", WARMUP_RECORDS);
            Path main = fill(staging, "bench", records);
            Path queue = dir.resolve("queue");
            SecureFiles.createDirectories(queue);
            double shipRate;
            try (DrainerChild ship = DrainerChild.ship(queue, broker.bootstrap(), topic, dir.resolve("ship.out"))) {
                shipped(warmup, queue, ship, 120);
                long start = System.nanoTime();
                shipped(main, queue, ship, 600);
                shipRate = records * 1e9 / (System.nanoTime() - start);
            }
            double collectRate = collect(broker, topic, dir, WARMUP_RECORDS + (long) records);
            HarnessResults.Delay delay = delay(broker, dir, delaySeconds);
            return new HarnessResults.Kafka(records, shipRate, collectRate, delay);
        } finally {
            Peers.delete(dir);
        }
    }

    /** A closed writer queue of {@code records} benchmark records under {@code root}; its directory. */
    static Path fill(Path root, String process, long records) throws IOException {
        try (QueueWriter writer = QueueWriter.open(root, process, Queues.rollCycle(ApplogSettings.ROLL_CYCLE_DEFAULT),
                0, false)) {
            for (long i = 0; i < records; i++) {
                if (!writer.append(MutableRecord.acquire().level(Level.INFO).logger(Message.LOGGER)
                        .template(Message.TEMPLATE).argument((int) i & Message.INT_MASK).argument(Message.NAME))) {
                    throw new IllegalStateException("record " + i + " of " + process + " was dropped");
                }
            }
            return writer.directory();
        }
    }

    /** Moves a writer queue into the shipper's queue dir and waits until the shipper has deleted it. */
    private static void shipped(Path writerQueue, Path queue, DrainerChild ship, long seconds) throws IOException {
        Path moved = queue.resolve(writerQueue.getFileName());
        Files.move(writerQueue, moved, StandardCopyOption.ATOMIC_MOVE);
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (Files.exists(moved)) {
            ship.checkAlive();
            if (System.nanoTime() > deadline) {
                throw new IOException("applog ship did not ship " + moved + " within " + seconds + " s");
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
    }

    /** Lines per second of a collector reading the topic from its start, from its first line to {@code lines}. */
    private static double collect(KafkaBroker broker, String topic, Path dir, long lines) throws Exception {
        Path logfile = dir.resolve("collected.log");
        try (DrainerChild collect = DrainerChild.collect(broker.bootstrap(), topic, logfile, dir.resolve("collect.out"));
             LineCounter counter = new LineCounter(logfile)) {
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            long first;
            while ((first = counter.count()) == 0) {
                collect.checkAlive();
                if (System.nanoTime() > deadline) {
                    throw new IOException("applog collect wrote nothing into " + logfile + " within 120 s");
                }
                LockSupport.parkNanos(POLL_NANOS / 20);
            }
            long start = System.nanoTime();
            counter.awaitAtLeast(lines, 120);
            long end = System.nanoTime();
            collect.checkAlive();
            return first >= lines ? Double.NaN : (lines - first) * 1e9 / (end - start);
        }
    }

    /** Append to line at {@link #DELAY_RATE}, with a shipper and a collector of a topic of its own. */
    private static HarnessResults.Delay delay(KafkaBroker broker, Path dir, int seconds) throws Exception {
        String topic = "delay";
        broker.createTopic(topic, 1);
        Path queue = dir.resolve("delay-queue");
        Path logfile = dir.resolve("delay.log");
        try (DrainerChild ship = DrainerChild.ship(queue, broker.bootstrap(), topic, dir.resolve("delay-ship.out"));
             DrainerChild collect = DrainerChild.collect(broker.bootstrap(), topic, logfile,
                     dir.resolve("delay-collect.out"))) {
            return DelayHarness.measure(DELAY_RATE, seconds, dir, queue, logfile, List.of(ship, collect));
        }
    }
}
